"""The assess contract's JSON shapes (docs: assess-api.md), built in one place for the API, CLI and reports."""

from __future__ import annotations

from typing import Any

from .types import Assessment, ClusterStatus, DifferentialEntry, EvidenceItem, SuggestedManeuver

# A displayed probability is never a certainty: the data behind it come from small, selected cohorts.
_P_MIN, _P_MAX = 0.001, 0.999


def probability_display(p: float) -> float:
    """Round to 3 dp and keep it strictly inside (0, 1)."""
    return min(max(round(p, 3), _P_MIN), _P_MAX)


def _item(item: EvidenceItem) -> dict[str, Any]:
    return {
        item.kind: item.code,
        "side": item.side.value if item.side else None,
        "result": item.result.value if item.result else None,
        "lr": round(item.lr, 3),
        "counted": item.counted,
        "basis": item.basis.value,
        "source": item.source,
        "note": item.note,
    }


RED_FLAG_DISPLAY = "Red flag: refer"


def _entry(entry: DifferentialEntry, flagged: bool) -> dict[str, Any]:
    """Shape one entry; a head placed by a red flag is a referral, so it carries no probability at all."""
    return {
        "condition": entry.condition,
        "label": entry.label,
        "icd10": entry.icd10,
        "red_flag": flagged,
        "display": RED_FLAG_DISPLAY if flagged else None,
        "probability": None if flagged else probability_display(entry.probability),
        "prior": entry.prior,
        "supporting": [_item(i) for i in entry.supporting],
        "against": [_item(i) for i in entry.against],
        "evidence": list(entry.evidence),
    }


def _cluster(status: ClusterStatus) -> dict[str, Any]:
    return {
        "code": status.code,
        "condition": status.condition,
        "positive": status.positive,
        "tested": status.tested,
        "members": status.members,
        "threshold": status.threshold,
        "met": status.met,
        "decided": status.decided,
    }


def _suggestion(suggestion: SuggestedManeuver) -> dict[str, Any]:
    shaped: dict[str, Any] = {"maneuver": suggestion.maneuver}
    if suggestion.side is not None:
        shaped["side"] = suggestion.side.value
    shaped["why"] = suggestion.why
    shaped["expected_gain"] = round(suggestion.expected_gain, 3)
    return shaped


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """Return the contract JSON for an assessment, keys in a fixed order."""
    referral = assessment.urgent_referral
    return {
        "protocol": {"code": assessment.protocol_code, "version": assessment.protocol_version},
        "disclaimer": assessment.disclaimer,
        "urgent_referral": None
        if referral is None
        else {
            "level": referral.level.value,
            "reasons": list(referral.reasons),
            "referral": referral.referral,
            "condition": referral.condition,
        },
        "working_diagnosis": assessment.working_diagnosis,
        "differential": [_entry(e, e.condition in assessment.flagged) for e in assessment.differential],
        "clusters": [_cluster(c) for c in assessment.clusters],
        "suggested_next": [_suggestion(s) for s in assessment.suggested_next],
        "unsafe_tests": [
            {"maneuver": m.maneuver, "red_flags": list(m.red_flags), "why": m.why} for m in assessment.unsafe_tests
        ],
        "notes": list(assessment.notes),
    }
