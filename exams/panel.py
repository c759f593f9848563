"""The live differential beside the steps, the red-flag banner, and the evidence lines of the summary."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from exams.labels import CONDITION_SHORT, SIDE_LABELS
from exams.models import Exam
from exams.words import word
from protocols.engine.rules import Labels
from protocols.engine.types import Assessment, Protocol

PANEL_SIZE = 5
LEVEL_LABELS = {"emergency": "Emergency", "urgent": "Urgent"}
RESULT_WORDS = {"positive": "positive", "negative": "negative", "equivocal": "equivocal", "not_tested": "not tested"}


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


def cluster_line(
    condition: str, *, positive: int, members: int, tested: int, threshold: int | None, met: bool
) -> ClusterLine:
    """Say how far a cluster has got, e.g. "SIJ cluster 2/4" with "3 tested, 2 needed"."""
    return ClusterLine(
        text=f"{_short(condition)} cluster {positive}/{members or tested}",
        detail=f"{tested} tested" + (f", {threshold} needed" if threshold else ""),
        met=met,
    )


def banner_build(protocol: Protocol, referral: Mapping[str, Any] | None) -> Banner | None:
    """Shape the urgent-referral part of an assessment (as JSON) for the unmissable banner."""
    if not referral:
        return None
    reasons = [protocol.red_flags[c].lay_words if c in protocol.red_flags else c for c in referral["reasons"]]
    level = referral["level"]
    return Banner(level, LEVEL_LABELS.get(level, level.title()), reasons, referral["referral"])


def why_text(protocol: Protocol, why: str) -> str:
    """Swap condition codes in an engine explanation for their labels."""
    return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", lambda m: _condition_name(protocol, m.group(0)), why)


def _condition_name(protocol: Protocol, code: str) -> str:
    condition = protocol.conditions.get(code)
    return condition.label if condition is not None else code


def flagged_conditions(protocol: Protocol, reasons: Sequence[str]) -> set[str]:
    """Return the conditions put at the head by present red flags: they lead by rule, not by probability."""
    return {protocol.red_flags[code].suggests for code in reasons if code in protocol.red_flags}


RED_FLAG_TEXT = "Red flag: refer"


def panel_build(exam: Exam, protocol: Protocol, assessment: Assessment) -> Panel:
    """Prepare the live differential: top conditions, cluster counts and the suggested next maneuvers."""
    working = assessment.working_diagnosis
    flagged = flagged_conditions(protocol, assessment.urgent_referral.reasons if assessment.urgent_referral else ())
    entries = [
        PanelEntry(e.condition, e.label, RED_FLAG_TEXT, 100.0, e.condition == working)
        if e.condition in flagged or e.probability is None
        else PanelEntry(
            e.condition, e.label, percent_text(e.probability), round(e.probability * 100, 1), e.condition == working
        )
        for e in assessment.differential[:PANEL_SIZE]
    ]
    clusters = [
        cluster_line(
            c.condition, positive=c.positive, members=c.members, tested=c.tested, threshold=c.threshold, met=c.met
        )
        for c in assessment.clusters
        if c.tested
    ]
    suggestions = [
        Suggestion(
            name=protocol.maneuvers[s.maneuver].name,
            side=SIDE_LABELS[s.side.value] if s.side else "",
            why=why_text(protocol, s.why),
            url=reverse("exams:exam-step", args=[exam.pk, protocol.maneuvers[s.maneuver].group])
            + f"#finding-{s.maneuver}",
        )
        for s in assessment.suggested_next
    ]
    referral = assessment.urgent_referral
    banner = None
    if referral is not None:
        banner = banner_build(
            protocol, {"level": referral.level.value, "reasons": referral.reasons, "referral": referral.referral}
        )
    return Panel(
        working_label=_condition_name(protocol, working) if working else "",
        entries=entries,
        clusters=clusters,
        suggestions=suggestions,
        banner=banner,
        disclaimer=assessment.disclaimer,
    )


def evidence_text(protocol: Protocol, item: Mapping[str, Any], words: Labels) -> str:
    """Describe one evidence item of the stored JSON in words: "FAIR test, left: positive"."""
    side = SIDE_LABELS.get(item.get("side") or "", "")
    side_words = f", {side.lower()}" if side else ""
    result = f": {RESULT_WORDS.get(item.get('result') or '', '')}" if item.get("result") else ""
    if "maneuver" in item:
        maneuver = protocol.maneuvers.get(item["maneuver"])
        return f"{maneuver.name if maneuver else item['maneuver']}{side_words}{result}"
    if "cluster" in item:
        cluster = protocol.clusters.get(item["cluster"])
        short = CONDITION_SHORT.get(cluster.condition, cluster.condition) if cluster else item["cluster"]
        return f"{short} cluster{result}"
    if "symptom" in item:
        return f"Symptom: {word(words, 'symptoms', item['symptom'])}"
    if "region" in item:
        return f"Pain region: {word(words, 'regions', item['region'])}{side_words}"
    if "region_absent" in item:
        return f"No pain marked at: {word(words, 'regions', item['region_absent'])}{side_words}"
    if "red_flag" in item:
        flag = protocol.red_flags.get(item["red_flag"])
        return f"Red flag: {flag.lay_words if flag else item['red_flag']}"
    return str(item)


def _evidence_line(protocol: Protocol, item: Mapping[str, Any], words: Labels) -> EvidenceLine:
    return EvidenceLine(
        text=evidence_text(protocol, item, words),
        weight=f"LR {item.get('lr', 1):g}",
        judgement=item.get("basis") == "judgement",
        source=item.get("source") or "",
        note=item.get("note") or "",
        counted=bool(item.get("counted", True)),
    )


def _flagged_head(entry: Mapping[str, Any], flagged: set[str]) -> bool:
    """A head placed by a red flag (marked so by the engine, or suggested by a present flag) shows no percentage."""
    return bool(entry.get("red_flag")) or entry["condition"] in flagged or entry.get("probability") is None


def summary_entries(
    protocol: Protocol, assessment: Mapping[str, Any], words: Labels, count: int = PANEL_SIZE
) -> list[SummaryEntry]:
    """Shape the top of a stored (or live, serialised) differential with its supporting and against findings."""
    working = assessment.get("working_diagnosis")
    flagged = flagged_conditions(protocol, (assessment.get("urgent_referral") or {}).get("reasons", ()))
    return [
        SummaryEntry(
            condition=e["condition"],
            label=e["label"],
            percent=RED_FLAG_TEXT if _flagged_head(e, flagged) else percent_text(e["probability"]),
            width=100.0 if _flagged_head(e, flagged) else round(e["probability"] * 100, 1),
            working=e["condition"] == working,
            supporting=[_evidence_line(protocol, i, words) for i in e["supporting"]],
            against=[_evidence_line(protocol, i, words) for i in e["against"]],
            evidence=list(e["evidence"]),
        )
        for e in assessment["differential"][:count]
    ]
