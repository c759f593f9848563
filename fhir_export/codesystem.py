"""The protocol's own CodeSystem: every maneuver, result, red flag, pain region, symptom, condition and history code.

Concepts are grouped under one parent per kind (`hierarchyMeaning: grouped-by`); the codes themselves are the
protocol's stable public vocabulary (CODES.md), unchanged, so a coding reads the same as the REST API.
"""

from __future__ import annotations

import re

from fhir.resources.codesystem import CodeSystem, CodeSystemConcept

from exams.history import FIELDS, ONSET_CHOICES
from protocols.engine.rules import Labels
from protocols.engine.types import Protocol
from protocols.words import word

# What each result means; their names are the release's words (protocols/words.py), as on screen and in letters.
RESULT_DEFINITIONS = {
    "positive": "The maneuver reproduced the sign it tests (a provocation: the familiar pain).",
    "negative": "The maneuver did not reproduce the sign.",
    "equivocal": "Neither clearly positive nor negative.",
    "not_tested": "Not done, for example unsafe or not tolerated.",
}
FAMILIAR_PAIN = ("familiar_pain", "Familiar pain", "The maneuver reproduced the patient's own, familiar pain.")
# The history: what the engine reads, computed for the exam date, then every field of the history screen.
HISTORY_ITEMS: dict[str, tuple[str, str]] = {
    "age": ("Age at exam", "Whole years on the exam date, from the date of birth."),
    "duration_weeks": (
        "Time since onset",
        "Whole weeks from onset to the exam date: from the onset date when known, else as the patient gave it.",
    ),
    **{f.name: (f.label, f.hint) for f in FIELDS.values()},
}
ONSET_KINDS = dict(ONSET_CHOICES)


class CodeClash(ValueError):
    """Two kinds of the protocol use the same code, which one CodeSystem cannot hold."""


def _words(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _concept(code: str, display: str, definition: str | None = None) -> CodeSystemConcept:
    return CodeSystemConcept(code=code, display=display[:250], definition=definition or None)


def _group(code: str, display: str, children: list[CodeSystemConcept]) -> CodeSystemConcept:
    return CodeSystemConcept(code=code, display=display, concept=children or None)


def codesystem_url(base: str, protocol_code: str) -> str:
    return f"{base}CodeSystem/{protocol_code}"


def codesystem_build(protocol: Protocol, words: Labels, *, base: str) -> CodeSystem:
    """Return the CodeSystem of one protocol release; raise CodeClash if two kinds share a code."""
    groups = [
        _group(
            "maneuver",
            "Maneuvers",
            [_concept(c, m.name, f"{m.action} Positive: {m.positive}") for c, m in protocol.maneuvers.items()],
        ),
        _group(
            "result",
            "Maneuver results",
            [_concept(c, word(words, "results", c), why) for c, why in RESULT_DEFINITIONS.items()],
        ),
        _group("finding_detail", "Finding details", [_concept(*FAMILIAR_PAIN)]),
        _group(
            "red_flag",
            "Red flags",
            [_concept(c, _words(c), f.question) for c, f in protocol.red_flags.items()],
        ),
        _group(
            "pain_region",
            "Pain regions",
            [_concept(c, word(words, "regions", c)) for c in protocol.regions],
        ),
        _group("symptom", "Symptoms", [_concept(c, word(words, "symptoms", c)) for c in protocol.symptoms]),
        _group("condition", "Conditions", [_concept(c, k.label) for c, k in protocol.conditions.items()]),
        _group("history_item", "History items", [_concept(c, d, why) for c, (d, why) in HISTORY_ITEMS.items()]),
        _group("onset_kind", "Kinds of onset", [_concept(c, d) for c, d in ONSET_KINDS.items()]),
        _group("cluster", "Maneuver clusters", [_concept(c, _words(c), k.rule) for c, k in protocol.clusters.items()]),
    ]
    codes = [g.code for g in groups] + [c.code for g in groups for c in g.concept or []]
    clashes = sorted({code for code in codes if codes.count(code) > 1})
    if clashes:
        raise CodeClash(f"{protocol.code} {protocol.version}: codes used by two kinds: {', '.join(clashes)}")
    return CodeSystem(
        id=protocol.code,
        url=codesystem_url(base, protocol.code),
        version=protocol.version,
        name=re.sub(r"\W", "", protocol.code.title()),
        title=protocol.title,
        status="active",
        experimental=False,
        description=protocol.disclaimer,
        caseSensitive=True,
        hierarchyMeaning="grouped-by",
        content="complete",
        count=len(codes),
        concept=groups,
    )
