"""Protocol codes in the API: a field that takes a code of one kind, and every shipped code for the schema's enums.

It lives in protocols (not core/api_inputs.py) because it reads the shipped releases; core imports no app.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers

from protocols.registry import semver_key, shipped_paths, shipped_read

CODE_KINDS = ("maneuver", "red_flag", "region", "symptom", "condition")


@cache
def _shipped_codes() -> dict[str, tuple[str, ...]]:
    """Collect the codes of every shipped release (released files never change, so read them once)."""
    codes: dict[str, list[str]] = {kind: [] for kind in CODE_KINDS}
    releases = [shipped_read(path).protocol for path in shipped_paths()]
    for protocol in sorted(releases, key=lambda p: (p.code, semver_key(p.version))):
        found = {
            "maneuver": list(protocol.maneuvers),
            "red_flag": list(protocol.red_flags),
            "region": list(protocol.regions),
            "symptom": list(protocol.symptoms),
            "condition": list(protocol.conditions),
        }
        for kind, items in found.items():
            codes[kind] += [item for item in items if item not in codes[kind]]
    return {kind: tuple(items) for kind, items in codes.items()}


def protocol_codes(kind: str) -> list[str]:
    """Return every code of one kind across the shipped releases, first release first (for schema enums).

    Read from the release files rather than the database, so the schema (and `check --deploy`, which builds
    it) works before `migrate`; the stored releases are digest-checked copies of these files.
    """
    return list(_shipped_codes()[kind])


class ProtocolCodeField(serializers.CharField):
    """A code from the released protocols (`kind` as in CODE_KINDS); the service checks it against the exam's."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        if kind not in CODE_KINDS:
            raise ValueError(f"Unknown protocol code kind {kind!r}.")
        self.kind = kind
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)
