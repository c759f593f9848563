"""The engine stays pure Python: no module under protocols/engine may import Django."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[3] / "protocols" / "engine"


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_engine_modules_exist():
    assert len(list(ENGINE.glob("*.py"))) >= 10


def test_no_engine_module_imports_django():
    offenders = {
        path.name: name
        for path in ENGINE.glob("*.py")
        for name in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if name == "django" or name.startswith(("django.", "rest_framework"))
    }
    assert offenders == {}
