"""The words for a release's codes (regions, symptoms, sides, results) and its history groups, for every reader.

From 1.1.0 the release file carries them (`labels`, `symptom_groups`); 1.0.0 predates that, so its words come
from its care file, where they lived then, and the sides and results from the wording the 1.0.0 screens used.
Pure Python: the registry, the screens, the API and the PDFs all read the same `Labels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from protocols.engine.rules import Label, Labels, SymptomGroup, UnsafeRule
from protocols.engine.types import Protocol

# The 1.0.0 screens' words for sides and results; 1.0.0's files carry none.
LEGACY_SIDES = {"left": Label("Left", "L"), "right": Label("Right", "R")}
LEGACY_RESULTS = {
    "positive": Label("Positive", "✓"),
    "negative": Label("Negative", "✗"),
    "equivocal": Label("Equivocal", "?"),
    "not_tested": Label("Not tested", "–"),
}


def _fallback(code: str) -> Label:
    text = code.replace("_", " ").capitalize()
    return Label(text, text)


def _legacy(codes: tuple[str, ...], words: Mapping[str, Any]) -> Mapping[str, Label]:
    out = {}
    for code in codes:
        text = words.get(code)
        out[code] = Label(text, text) if isinstance(text, str) and text.strip() else _fallback(code)
    return MappingProxyType(out)


def labels_for(protocol: Protocol, care: Mapping[str, Any] | None = None) -> Labels:
    """Return the release's words; a release without `labels` reads them from its (raw) care file."""
    if protocol.labels is not None:
        return protocol.labels
    raw = (care or {}).get("labels") or {}
    return Labels(
        regions=_legacy(protocol.regions, raw.get("regions") or {}),
        symptoms=_legacy(protocol.symptoms, raw.get("symptoms") or {}),
        sides=MappingProxyType(LEGACY_SIDES),
        results=MappingProxyType(LEGACY_RESULTS),
    )


def symptom_groups_for(protocol: Protocol) -> tuple[SymptomGroup, ...]:
    """Return the history groups; a release without them shows its symptoms as one group, in protocol order."""
    if protocol.symptom_groups:
        return protocol.symptom_groups
    return (SymptomGroup("history", "History", protocol.symptoms),)


def unsafe_tests_for(protocol: Protocol, red_flags: frozenset[str] | set[str]) -> dict[str, tuple[UnsafeRule, ...]]:
    """Map each maneuver made unsafe by one of the present red flags to the rules (with their why) that say so."""
    out: dict[str, tuple[UnsafeRule, ...]] = {}
    for rule in protocol.unsafe_tests:
        if red_flags & set(rule.red_flags):
            for code in rule.maneuvers:
                out[code] = (*out.get(code, ()), rule)
    return {code: out[code] for code in protocol.maneuvers if code in out}
