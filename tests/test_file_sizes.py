"""The house limit: no source file (Python, JavaScript, template, stylesheet) grows past 400 lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 400
KINDS = (".py", ".js", ".html", ".css")
# Copies of other projects' files, generated migrations, and what is not the project's source.
SKIPPED = {".git", ".venv", "node_modules", "vendor", "migrations", "var", "artefacts", "staticfiles", ".mypy_cache"}


def project_sources() -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if path.suffix in KINDS and not parts & SKIPPED and path.is_file():
            found.append(path)
    return found


def test_no_source_file_is_longer_than_the_house_limit():
    files = project_sources()
    too_long = {str(path.relative_to(ROOT)): n for path in files if (n := len(path.read_text().splitlines())) > LIMIT}
    assert any(path.name == "exam.js" for path in files)
    assert too_long == {}
