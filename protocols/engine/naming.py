"""When the exam may name a working diagnosis (README rule 7; REFERENCE rule 10 for releases that define it).

No single provocation names a diagnosis (Michel 2013; Hopayian 2010): besides the probability, margin and
exam-weight rules, the leader needs a validated cluster decided positive with at least two members tested, its
defining sign, or concordant positive tests from at least `working_min_families` correlated families.
"""

from __future__ import annotations

from .index import ProtocolIndex
from .types import ClusterStatus, DifferentialEntry, Protocol, Result

EXAM_KINDS = frozenset({"maneuver", "cluster"})


def exam_lr(entry: DifferentialEntry) -> float:
    """Return the combined weight of the exam's own maneuvers and clusters, leaving history and prior aside."""
    weight = 1.0
    for item in (*entry.supporting, *entry.against):
        if item.counted and item.kind in EXAM_KINDS:
            weight *= item.lr
    return weight


def _family_of(protocol: Protocol) -> dict[str, str]:
    return {member: family.code for family in protocol.families for member in family.members}


def naming_basis(index: ProtocolIndex, entry: DifferentialEntry, statuses: tuple[ClusterStatus, ...]) -> str | None:
    """Return why rule 10 lets this condition be named ('cluster', 'defining sign', 'families'), or None."""
    protocol = index.protocol
    for status in statuses:
        if status.condition == entry.condition and status.decided and status.met and status.tested >= 2:
            return "cluster"
    sign = protocol.conditions[entry.condition].defining_sign
    positives = [i for i in entry.supporting if i.kind == "maneuver" and i.result is Result.POSITIVE and i.lr > 1.0]
    if sign is not None and any(i.code == sign and i.counted for i in positives):
        return "defining sign"
    family = _family_of(protocol)
    families = {family.get(i.code, i.code) for i in positives}
    needed = protocol.thresholds.working_min_families or 1
    return "families" if len(families) >= needed else None


def working_diagnosis(
    index: ProtocolIndex, ranked: list[DifferentialEntry], statuses: tuple[ClusterStatus, ...]
) -> str | None:
    """Name the top condition only when probable enough, clear of the runner-up, and carried by the exam."""
    if not ranked:
        return None
    thresholds = index.protocol.thresholds
    top = ranked[0]
    second = ranked[1].probability if len(ranked) > 1 else 0.0
    probable = top.probability >= thresholds.working_min_probability
    clear = top.probability - second >= thresholds.working_min_margin
    # History and the pain map alone never name a diagnosis: a maneuver must have argued for it.
    examined = exam_lr(top) >= thresholds.working_min_exam_lr
    if not (probable and clear and examined):
        return None
    if thresholds.working_min_families is not None and naming_basis(index, top, statuses) is None:
        return None
    return top.condition
