"""Layers point one way: an app imports only apps below it; only the URL maps (and settings) look back up.

Run `python -m tests.test_layers` to print the import graph between apps.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Bottom first. Apps on one rank do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("protocols", "clinics"),
    ("patients",),
    ("exams",),
    ("reports",),
    # Features over the apps below: audit observes them, the dashboard and FHIR export read them, demo fills them.
    ("audit", "dashboard", "fhir_export", "demo", "pwa"),
    ("security", "retention"),  # sign-in security pages and record export/erasure over the audit trail
    ("config",),
)
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
# The wiring that names every app's views by design.
WIRING = ("urls.py", "api_urls.py")
# Known upward imports still to be moved; a new one fails the test (none are left).
KNOWN: set[tuple[str, str]] = set()


def _modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def import_edges() -> set[tuple[str, str, str]]:
    """Return (importing file, its app, imported app) for every import between two of the project's apps."""
    edges = set()
    for app in RANK:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in _modules(ast.parse(path.read_text(encoding="utf-8"))):
                target = module.split(".")[0]
                if target in RANK and target != app:
                    edges.add((str(path.relative_to(ROOT)), app, target))
    return edges


def _upward(file: str, app: str, target: str) -> bool:
    if Path(file).name in WIRING or file.startswith("config/settings/") or (file, target) in KNOWN:
        return False
    return RANK[target] >= RANK[app]


def test_only_url_maps_import_upward():
    assert sorted(edge for edge in import_edges() if _upward(*edge)) == []


def test_every_app_is_placed_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(RANK)


if __name__ == "__main__":
    for file, app, target in sorted(import_edges(), key=lambda e: (RANK[e[1]], e[1], e[2], e[0])):
        mark = "  UPWARD" if _upward(file, app, target) else ""
        sys.stdout.write(f"{app} -> {target}  ({file}){mark}\n")
