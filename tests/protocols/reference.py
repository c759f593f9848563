"""Locate the read-only clinical reference (CODES.md, evidence.yaml) that two protocol tests compare against.

The reference sits in ../shared/clinical beside the repository. A fresh clone elsewhere finds it through its
origin remote; CLINICAL_REFERENCE_DIR overrides both.
"""

from __future__ import annotations

import os
import re
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


def codes_read(version: str | None = None) -> dict[str, list[str]]:
    """Parse CODES.md: the first column of each table, or the comma-separated list, under each heading.

    Codes marked "(1.1.0)" in a table, or listed after "Since 1.1.0:", belong to that release on; with `version`
    only the codes a release of that version must define are returned.
    """
    wanted = None if version is None else tuple(int(n) for n in version.split("."))
    sections: dict[str, list[str]] = {}
    current = ""
    listed_since = (1, 0, 0)  # a "Since x:" list may run over several lines
    for line in (reference_dir() / "CODES.md").read_text(encoding="utf-8").splitlines():
        since = listed_since
        if line.startswith("## "):
            current = line[3:].split(" (")[0].strip().lower()
            sections[current] = []
            listed_since = (1, 0, 0)
            continue
        if not current or not line or line.startswith(("| code", "|---", "Results:", "A provocation", "reproduces")):
            continue
        if line.startswith("| "):
            found = re.search(r"\((\d+\.\d+\.\d+)\) \|", line)
            since = tuple(int(n) for n in found.group(1).split(".")) if found else since
            codes = [line.split("|")[1].strip()]
        else:
            marked = re.match(r"^Since (\d+\.\d+\.\d+):\s*(.*)$", line)
            if marked:
                since = listed_since = tuple(int(n) for n in marked.group(1).split("."))
                line = marked.group(2)
            # The list ends at its first full stop or bracket; sentences after it are prose, not codes.
            line = re.split(r"\.(?:\s|$)|\s\(", line)[0]
            codes = [code.strip() for code in line.split(",") if code.strip()]
            if not all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes):
                continue  # prose between the lists, not codes
        if wanted is None or since <= wanted:
            sections[current].extend(codes)
    return sections


def evidence_read() -> dict:
    return yaml.safe_load((reference_dir() / "evidence.yaml").read_text(encoding="utf-8"))
