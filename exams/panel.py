"""The live differential beside the steps, the red-flag banner, and the evidence lines of the summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.links import link
from exams.labels import CONDITION_SHORT
from exams.models import Exam
from exams.words import exam_words, side_word
from protocols.engine.rules import Labels
from protocols.engine.serialize import RED_FLAG_DISPLAY, probability_display
from protocols.engine.types import (
    Assessment,
    Basis,
    ClusterStatus,
    DifferentialEntry,
    EvidenceItem,
    Protocol,
    UrgentReferral,
)
from protocols.words import evidence_words

PANEL_SIZE = 5
LEVEL_LABELS = {"emergency": "Emergency", "urgent": "Urgent"}


@dataclass(frozen=True, slots=True)
class Banner:
    level: str
    level_label: str
    reasons: list[str]
    referral: str


@dataclass(frozen=True, slots=True)
class PanelEntry:
    condition: str
    label: str
    percent: str
    width: float
    working: bool


@dataclass(frozen=True, slots=True)
class ClusterLine:
    text: str
    detail: str
    met: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str
    side: str
    why: str
    url: str


@dataclass(slots=True)
class Panel:
    working_label: str
    entries: list[PanelEntry]
    clusters: list[ClusterLine]
    suggestions: list[Suggestion]
    banner: Banner | None
    disclaimer: str


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    text: str
    weight: str
    judgement: bool
    source: str
    note: str
    counted: bool


@dataclass(slots=True)
class SummaryEntry:
    condition: str
    label: str
    percent: str
    width: float
    working: bool
    supporting: list[EvidenceLine] = field(default_factory=list)
    against: list[EvidenceLine] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def percent_text(probability: float) -> str:
    """Whole percent, with one decimal below 10 % so small probabilities never read as zero."""
    value = probability * 100
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%"


def _short(condition: str) -> str:
    return CONDITION_SHORT.get(condition, condition.replace("_", " ").capitalize())


def cluster_lines(clusters: tuple[ClusterStatus, ...]) -> list[ClusterLine]:
    """Say how far each tested cluster has got, e.g. "SIJ cluster 2/4" with "3 tested, 2 needed"."""
    return [
        ClusterLine(
            text=f"{_short(c.condition)} cluster {c.positive}/{c.members or c.tested}",
            detail=f"{c.tested} tested" + (f", {c.threshold} needed" if c.threshold else ""),
            met=c.met,
        )
        for c in clusters
        if c.tested
    ]


def banner_build(protocol: Protocol, referral: UrgentReferral | None) -> Banner | None:
    """Shape the urgent referral of an assessment for the unmissable banner."""
    if referral is None:
        return None
    reasons = [protocol.red_flags[c].lay_words if c in protocol.red_flags else c for c in referral.reasons]
    level = referral.level.value
    return Banner(level, LEVEL_LABELS.get(level, level.title()), reasons, referral.referral)


def why_text(protocol: Protocol, why: str) -> str:
    """Swap condition codes in an engine explanation for their labels."""
    return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", lambda m: _condition_name(protocol, m.group(0)), why)


def _condition_name(protocol: Protocol, code: str) -> str:
    condition = protocol.conditions.get(code)
    return condition.label if condition is not None else code


def _head(entry: DifferentialEntry, assessment: Assessment) -> tuple[str, float]:
    """Return (percent text, bar width); a head a red flag placed is a referral, never a percentage.

    Live or stored, the number is the one the record shows (probability_display), so completing changes nothing.
    """
    if entry.condition in assessment.flagged:
        return RED_FLAG_DISPLAY, 100.0
    probability = probability_display(entry.probability)
    return percent_text(probability), round(probability * 100, 1)


def panel_build(exam: Exam, protocol: Protocol, assessment: Assessment) -> Panel:
    """Prepare the live differential: top conditions, cluster counts and the suggested next maneuvers."""
    working = assessment.working_diagnosis
    entries = [
        PanelEntry(e.condition, e.label, *_head(e, assessment), e.condition == working)
        for e in assessment.differential[:PANEL_SIZE]
    ]
    clusters = cluster_lines(assessment.clusters)
    suggestions = [
        Suggestion(
            name=protocol.maneuvers[s.maneuver].name,
            side=side_word(exam_words(exam), s.side.value if s.side else None),
            why=why_text(protocol, s.why),
            url=link("exams:exam-step", exam.pk, protocol.maneuvers[s.maneuver].group) + f"#finding-{s.maneuver}",
        )
        for s in assessment.suggested_next
    ]
    banner = banner_build(protocol, assessment.urgent_referral)
    return Panel(
        working_label=_condition_name(protocol, working) if working else "",
        entries=entries,
        clusters=clusters,
        suggestions=suggestions,
        banner=banner,
        disclaimer=assessment.disclaimer,
    )


def _evidence_line(protocol: Protocol, words: Labels, item: EvidenceItem) -> EvidenceLine:
    return EvidenceLine(
        text=evidence_words(protocol, words, item).text,
        weight=f"LR {round(item.lr, 3):g}",  # as the record rounds it
        judgement=item.basis == Basis.JUDGEMENT,
        source=item.source or "",
        note=item.note,
        counted=item.counted,
    )


def summary_entries(
    protocol: Protocol, assessment: Assessment, words: Labels, count: int = PANEL_SIZE
) -> list[SummaryEntry]:
    """Shape the top of the differential (stored or live) with its supporting and against findings."""
    return [
        SummaryEntry(
            e.condition,
            e.label,
            *_head(e, assessment),
            working=e.condition == assessment.working_diagnosis,
            supporting=[_evidence_line(protocol, words, i) for i in e.supporting],
            against=[_evidence_line(protocol, words, i) for i in e.against],
            evidence=list(e.evidence),
        )
        for e in assessment.differential[:count]
    ]
