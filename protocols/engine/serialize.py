"""The assess contract's JSON shapes (docs: assess-api.md), both ways, in one place for the API, CLI and reports.

`assessment_to_dict` writes the JSON an exam stores on completion and the API answers; `assessment_from_dict`
reads it back into the typed `Assessment`, so the screens and letters of a finished exam work with the same
object as those of a live one and no reader walks the stored dict itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .rules import UnsafeMark
from .types import (
    Assessment,
    Basis,
    ClusterStatus,
    DifferentialEntry,
    EvidenceItem,
    Level,
    Protocol,
    Result,
    Side,
    SuggestedManeuver,
    UrgentReferral,
)

# A displayed probability is never a certainty: the data behind it come from small, selected cohorts.
_P_MIN, _P_MAX = 0.001, 0.999


def probability_display(p: float) -> float:
    """Round to 3 dp and keep it strictly inside (0, 1)."""
    return min(max(round(p, 3), _P_MIN), _P_MAX)


EVIDENCE_KINDS = ("maneuver", "cluster", "symptom", "region", "region_absent", "age", "red_flag")


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
            {"maneuver": m.maneuver, "red_flags": list(m.red_flags), "why": m.why, "suspected": m.suspected}
            for m in assessment.unsafe_tests
        ],
        "notes": list(assessment.notes),
    }


# --- Reading the stored JSON back ---------------------------------------------------------------------------


def _side_read(value: Any) -> Side | None:
    return Side(value) if value else None


def _item_read(data: Mapping[str, Any]) -> EvidenceItem:
    kind = next(k for k in EVIDENCE_KINDS if k in data)
    return EvidenceItem(
        kind=kind,
        code=str(data[kind]),
        lr=float(data.get("lr", 1.0)),
        basis=Basis(data.get("basis") or Basis.PUBLISHED),
        source=data.get("source"),
        side=_side_read(data.get("side")),
        result=Result(data["result"]) if data.get("result") else None,
        note=data.get("note") or "",
        counted=bool(data.get("counted", True)),
    )


def _entry_read(data: Mapping[str, Any]) -> DifferentialEntry:
    probability = data.get("probability")
    return DifferentialEntry(
        condition=data["condition"],
        label=data["label"],
        probability=0.0 if probability is None else float(probability),  # a flagged head: see `flagged`
        prior=float(data.get("prior") or 0.0),
        supporting=tuple(_item_read(i) for i in data.get("supporting", ())),
        against=tuple(_item_read(i) for i in data.get("against", ())),
        evidence=tuple(data.get("evidence", ())),
        icd10=data.get("icd10"),
    )


def _flagged_read(data: Mapping[str, Any], protocol: Protocol) -> tuple[str, ...]:
    """Name the heads a red flag placed: marked on each entry since 1.1.0's engine; for a record stored before
    that, the conditions its referral's flags suggest (what the screens showed then)."""
    entries = data.get("differential", ())
    if any("red_flag" in e for e in entries):
        return tuple(e["condition"] for e in entries if e.get("red_flag"))
    reasons = (data.get("urgent_referral") or {}).get("reasons", ())
    suggested = {protocol.red_flags[code].suggests for code in reasons if code in protocol.red_flags}
    return tuple(e["condition"] for e in entries if e["condition"] in suggested)


def _referral_read(data: Mapping[str, Any] | None) -> UrgentReferral | None:
    if not data:
        return None
    return UrgentReferral(Level(data["level"]), tuple(data["reasons"]), data["referral"], data.get("condition", ""))


def _cluster_read(data: Mapping[str, Any]) -> ClusterStatus:
    return ClusterStatus(
        code=data["code"],
        condition=data["condition"],
        positive=int(data["positive"]),
        tested=int(data["tested"]),
        threshold=data.get("threshold"),
        met=bool(data["met"]),
        members=int(data.get("members") or 0),
        decided=bool(data.get("decided", False)),
    )


def _suggestion_read(data: Mapping[str, Any]) -> SuggestedManeuver:
    return SuggestedManeuver(
        maneuver=data["maneuver"],
        why=data.get("why", ""),
        expected_gain=float(data.get("expected_gain", 0.0)),
        side=_side_read(data.get("side")),
    )


def assessment_from_dict(data: Mapping[str, Any], protocol: Protocol) -> Assessment:
    """Read a stored (or served) contract JSON back into the typed assessment, with the release it names.

    Keys a record stored by an older engine lacks read as their defaults. A flagged head is stored without a
    probability (it is a referral, not odds), so it reads back as 0.0 and `flagged` names it: every reader
    checks `flagged` before showing a number, as it does for a live assessment.
    """
    return Assessment(
        protocol_code=data["protocol"]["code"],
        protocol_version=data["protocol"]["version"],
        urgent_referral=_referral_read(data.get("urgent_referral")),
        working_diagnosis=data.get("working_diagnosis"),
        differential=tuple(_entry_read(e) for e in data.get("differential", ())),
        clusters=tuple(_cluster_read(c) for c in data.get("clusters", ())),
        suggested_next=tuple(_suggestion_read(s) for s in data.get("suggested_next", ())),
        disclaimer=data.get("disclaimer", protocol.disclaimer),
        notes=tuple(data.get("notes", ())),
        flagged=_flagged_read(data, protocol),
        unsafe_tests=tuple(
            UnsafeMark(m["maneuver"], tuple(m["red_flags"]), m.get("why", ""), bool(m.get("suspected", False)))
            for m in data.get("unsafe_tests", ())
        ),
    )
