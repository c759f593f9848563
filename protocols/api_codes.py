"""Protocol codes in the API: a field that takes a code of one kind, and every shipped code for the schema's enums.

It lives in protocols (not core/api_inputs.py) because it reads the shipped releases; core imports no app.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers

from protocols.engine.types import Protocol
from protocols.registry import DEFAULT_CODE, semver_key, shipped_paths, shipped_read

CODE_KINDS = ("maneuver", "red_flag", "region", "symptom", "condition")
# Which releases a field's codes come from: any shipped one (exams are pinned to theirs), or the current
# release of the default protocol (what POST /assess reads).
ANY_RELEASE, CURRENT_RELEASE = "any", "current"


def _release_codes(protocol: Protocol) -> dict[str, list[str]]:
    return {
        "maneuver": list(protocol.maneuvers),
        "red_flag": list(protocol.red_flags),
        "region": list(protocol.regions),
        "symptom": list(protocol.symptoms),
        "condition": list(protocol.conditions),
    }


@cache
def _shipped_codes() -> dict[str, dict[str, tuple[str, ...]]]:
    """Collect the codes of the shipped releases (released files never change, so read them once)."""
    codes: dict[str, list[str]] = {kind: [] for kind in CODE_KINDS}
    releases = sorted(
        (shipped_read(path).protocol for path in shipped_paths()), key=lambda p: (p.code, semver_key(p.version))
    )
    for protocol in releases:
        for kind, items in _release_codes(protocol).items():
            codes[kind] += [item for item in items if item not in codes[kind]]
    current = [p for p in releases if p.code == DEFAULT_CODE][-1]
    return {
        ANY_RELEASE: {kind: tuple(items) for kind, items in codes.items()},
        CURRENT_RELEASE: {kind: tuple(items) for kind, items in _release_codes(current).items()},
    }


def protocol_codes(kind: str, releases: str = ANY_RELEASE) -> list[str]:
    """Return every code of one kind across the shipped releases (or of the current one), in protocol order.

    For schema enums. Read from the release files rather than the database, so the schema (and
    `check --deploy`, which builds it) works before `migrate`; the stored releases are digest-checked copies of
    these files, and the current release is the highest version, as protocols.registry.version_current says.
    """
    return list(_shipped_codes()[releases][kind])


class ProtocolCodeField(serializers.CharField):
    """A code from the released protocols (`kind` as in CODE_KINDS); the service checks it against the exam's.

    `releases` says whose codes the schema's enum lists: any shipped release, or only the current one.
    """

    def __init__(self, kind: str, releases: str = ANY_RELEASE, **kwargs: Any) -> None:
        if kind not in CODE_KINDS:
            raise ValueError(f"Unknown protocol code kind {kind!r}.")
        if releases not in (ANY_RELEASE, CURRENT_RELEASE):
            raise ValueError(f"Unknown releases {releases!r}.")
        self.kind, self.releases = kind, releases
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)
