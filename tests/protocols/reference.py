"""Locate the read-only clinical reference (CODES.md, evidence.yaml) that two protocol tests compare against.

The reference sits in ../shared/clinical beside the repository. A fresh clone elsewhere finds it through its
origin remote; CLINICAL_REFERENCE_DIR overrides both.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def reference_dir() -> Path:
    """Return the folder holding CODES.md and evidence.yaml, or fail the test saying where it looked."""
    candidates = []
    if os.environ.get("CLINICAL_REFERENCE_DIR"):
        candidates.append(Path(os.environ["CLINICAL_REFERENCE_DIR"]))
    candidates.append(REPO.parent / "shared" / "clinical")
    origin = subprocess.run(  # noqa: S603
        ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if origin and Path(origin).is_dir():
        candidates.append(Path(origin).resolve().parent / "shared" / "clinical")
    for candidate in candidates:
        if (candidate / "CODES.md").is_file():
            return candidate
    pytest.fail(f"Clinical reference not found; looked in {', '.join(map(str, candidates))}.")


def codes_read() -> dict[str, list[str]]:
    """Parse CODES.md: the first column of each table, or the comma-separated list, under each heading."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (reference_dir() / "CODES.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].split(" (")[0].strip().lower()
            sections[current] = []
        elif current and line.startswith("| ") and not line.startswith(("| code", "|---")):
            sections[current].append(line.split("|")[1].strip())
        elif current and line and not line.startswith(("|", "Results:", "A provocation", "reproduces")):
            sections[current].extend(code.strip() for code in line.split(",") if code.strip())
    return sections


def evidence_read() -> dict:
    return yaml.safe_load((reference_dir() / "evidence.yaml").read_text(encoding="utf-8"))
