"""Shipped-release helpers for the protocol tests: a disposable copy of the data folder and extra versions."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "protocols" / "data" / "buttock-pain"
SHIPPED = DATA / "1.1.0.yaml"  # the current release: it speaks the whole vocabulary of CODES.md
LEGACY = DATA / "1.0.0.yaml"  # the first release: exams pinned to it are re-read with it, unchanged


def data_dir_copy(tmp_path: Path) -> Path:
    """Copy the shipped data folder (release and care file) into tmp_path, for a test to edit."""
    shutil.copytree(SHIPPED.parent, tmp_path / "buttock-pain")
    return tmp_path


def release_add(data_dir: Path, version: str, replace: tuple[str, str] = ("", "")) -> Path:
    """Write the shipped release again as another version, optionally with one text replacement."""
    text = SHIPPED.read_text(encoding="utf-8").replace("version: 1.1.0", f"version: {version}", 1)
    assert replace[0] in text, f"nothing to replace: {replace[0]!r}"
    path = data_dir / "buttock-pain" / f"{version}.yaml"
    path.write_text(text.replace(*replace), encoding="utf-8")
    return path


def item(section: list[dict], code: str) -> dict:
    """Return the entry of an ordered protocol section (a list of coded mappings) with this code."""
    (found,) = [entry for entry in section if entry["code"] == code]
    return found
