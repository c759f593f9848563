"""Decide what each recorded maneuver counts as: the familiar-pain rule and the affected-side rule.

The studies behind every provocation defined a positive test as reproduction of the patient's familiar pain,
and sided tests describe the symptomatic side (REFERENCE.md rule 2), so both rules apply before any arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import ExamInput, Finding, Maneuver, Protocol, Result, Side

UNFAMILIAR_NOTE = (
    "recorded positive but the pain was not the familiar pain, so counted as negative "
    "(the studies defined a positive as reproduction of familiar pain)"
)
COUNTED = (Result.POSITIVE, Result.NEGATIVE)


@dataclass(frozen=True, slots=True)
class Observation:
    """One maneuver's findings reduced to a single positive or negative on the side that counts."""

    maneuver: str
    result: Result  # POSITIVE or NEGATIVE, after the familiar-pain rule
    side: Side | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Observations:
    affected_side: Side | None
    counted: dict[str, Observation]  # maneuver code -> observation, protocol order
    recorded: frozenset[tuple[str, Side | None]]  # performed findings (anything but not_tested)
    notes: tuple[str, ...]


def side_affected(exam: ExamInput) -> Side | None:
    """Return the stated affected side, else the one side every marked pain region is on, else None."""
    if exam.affected_side is not None:
        return exam.affected_side
    sides = {region.side for region in exam.pain_regions}
    return sides.pop() if len(sides) == 1 else None


def _side_text(finding: Finding) -> str:
    return f" ({finding.side.value})" if finding.side else ""


def finding_interpret(maneuver: Maneuver, finding: Finding) -> tuple[Result, str]:
    """Apply the familiar-pain rule to one finding; non-provocation maneuvers are taken as recorded."""
    if finding.result is Result.POSITIVE and maneuver.provocation:
        if finding.familiar_pain is False:
            return Result.NEGATIVE, UNFAMILIAR_NOTE
        if finding.familiar_pain is None:
            return Result.EQUIVOCAL, "familiar pain not recorded, so not counted"
    return finding.result, ""


def _combine(code: str, read: list[tuple[Finding, Result, str]]) -> Observation | None:
    """Take the strongest result across sides: any positive counts; negative only if every side is."""
    performed = [(f, r, n) for f, r, n in read if r is not Result.NOT_TESTED]
    for finding, result, note in performed:
        if result is Result.POSITIVE:
            return Observation(code, result, finding.side, note)
    if performed and all(r is Result.NEGATIVE for _, r, _ in performed):
        finding, result, note = performed[0]
        side = finding.side if len(performed) == 1 else None
        return Observation(code, result, side, note)
    return None


def _maneuver_observe(
    maneuver: Maneuver, findings: list[Finding], affected: Side | None, notes: list[str]
) -> Observation | None:
    read = [(f, *finding_interpret(maneuver, f)) for f in findings]
    if maneuver.sided and not maneuver.either_side and affected is not None:
        for finding, result, _ in read:
            if finding.side is not affected and result is Result.POSITIVE:
                notes.append(f"{maneuver.name}{_side_text(finding)} positive on the unaffected side: not counted.")
        read = [entry for entry in read if entry[0].side is affected]
    for finding, result, note in read:
        if result is Result.EQUIVOCAL and finding.result is Result.POSITIVE:
            notes.append(f"{maneuver.name}{_side_text(finding)}: {note}.")
    return _combine(maneuver.code, read)


def observations_build(protocol: Protocol, exam: ExamInput) -> Observations:
    """Reduce the exam's findings to one counted result per maneuver on the affected side."""
    affected = side_affected(exam)
    by_maneuver: dict[str, list[Finding]] = {}
    for finding in exam.findings:
        by_maneuver.setdefault(finding.maneuver, []).append(finding)
    notes: list[str] = []
    counted: dict[str, Observation] = {}
    for code, findings in by_maneuver.items():
        observation = _maneuver_observe(protocol.maneuvers[code], findings, affected, notes)
        if observation is not None:
            counted[code] = observation
    recorded = frozenset((f.maneuver, f.side) for f in exam.findings if f.result is not Result.NOT_TESTED)
    return Observations(affected, counted, recorded, tuple(notes))
