"""The words for a release's codes (regions, symptoms, sides, results), its history groups, and its evidence.

From 1.1.0 the release file carries them (`labels`, `symptom_groups`); 1.0.0 predates that, so its words come
from its care file, where they lived then, and the sides and results from the wording the 1.0.0 screens used.
Pure Python: the registry, the screens, the API and the PDFs all read the same `Labels`, and every reader of an
assessment says an evidence item with `evidence_words`, so the summary screen and the letter never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from protocols.engine.rules import AgeItem, Label, Labels, SymptomGroup, UnsafeRule
from protocols.engine.types import EvidenceItem, Protocol

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


def word(words: Labels, kind: str, code: str) -> str:
    """The full label of one code of `kind` ("regions", "symptoms", "sides", "results"); unknown codes in words."""
    found: Label | None = getattr(words, kind).get(code)
    return found.label if found is not None else _fallback(code).label


@dataclass(frozen=True, slots=True)
class EvidenceWords:
    """One evidence item in words: what was found, and its side and result when it has them ("" when not).

    A letter shows the three in columns; a screen shows `text`, the three in one line.
    """

    what: str
    side: str = ""
    result: str = ""

    @property
    def text(self) -> str:
        """Say it in one line: "FAIR test, left: positive"."""
        side = f", {self.side.lower()}" if self.side else ""
        result = f": {self.result.lower()}" if self.result else ""
        return f"{self.what}{side}{result}"


def _age_words(item: AgeItem) -> str:
    """Say an age item by its bounds: "over 48", "pain began before 40", "over 50, pain for under 12 weeks"."""
    bounds = (
        (item.age_over, "over {}"),
        (item.age_under, "under {}"),
        (item.onset_under, "pain began before {}"),
        (item.duration_at_least, "pain for {} weeks or more"),
        (item.duration_under, "pain for under {} weeks"),
    )
    return ", ".join(text.format(value) for value, text in bounds if value is not None)


def _member_words(protocol: Protocol, words: Labels, code: str) -> str:
    """Name one member of a cluster: a maneuver, a symptom or an age item."""
    if code in protocol.maneuvers:
        return protocol.maneuvers[code].name
    if code in protocol.age_items:
        return f"age {_age_words(protocol.age_items[code])}"
    return word(words, "symptoms", code)


def _what(protocol: Protocol, words: Labels, kind: str, code: str) -> str:
    if kind == "maneuver" and code in protocol.maneuvers:
        return protocol.maneuvers[code].name
    if kind == "cluster" and code in protocol.clusters:
        return "Cluster: " + " + ".join(_member_words(protocol, words, m) for m in protocol.clusters[code].members)
    if kind == "symptom":
        return f"Symptom: {word(words, 'symptoms', code)}"
    if kind == "region":
        return f"Pain region: {word(words, 'regions', code)}"
    if kind == "region_absent":
        return f"No pain marked at: {word(words, 'regions', code)}"  # the drawn map leaves it out
    if kind == "age" and code in protocol.age_items:
        return f"Age: {_age_words(protocol.age_items[code])}"
    if kind == "red_flag" and code in protocol.red_flags:
        return f"Red flag: {protocol.red_flags[code].lay_words}"
    return _fallback(code).label


def evidence_words(protocol: Protocol, words: Labels, item: EvidenceItem) -> EvidenceWords:
    """Say one evidence item of an assessment in the words of the release it was assessed with."""
    return EvidenceWords(
        what=_what(protocol, words, item.kind, item.code),
        side=word(words, "sides", item.side.value) if item.side else "",
        result=word(words, "results", item.result.value) if item.result else "",
    )
