"""Build each section of a document from the exam's rows, the stored assessment and the protocol release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exams.models import Exam
from protocols.care import Care, CareItem
from protocols.engine.types import Protocol
from reports.document import (
    RESULT_LABELS,
    SIDE_LABELS,
    Advice,
    ClinicHeader,
    Diagnosis,
    EvidenceRow,
    FindingRow,
    Reference,
)

EVIDENCE_KINDS = ("maneuver", "cluster", "symptom", "region_absent", "region", "red_flag")


def advice_build(protocol: Protocol, items: tuple[CareItem, ...]) -> tuple[Advice, ...]:
    """Turn care items into printable advice with short citations (source keys were checked at load)."""
    return tuple(Advice(i.text, tuple(protocol.sources[k].short for k in i.sources), i.judgement) for i in items)


def evidence_rows(items: list[dict[str, Any]], labels: dict[str, str]) -> tuple[EvidenceRow, ...]:
    """List the findings that carried weight; items shown but not multiplied are left out of the letter."""
    rows = []
    for item in items:
        if not item.get("counted", True):
            continue
        kind = next((k for k in EVIDENCE_KINDS if k in item), "")
        code = str(item.get(kind, ""))
        rows.append(
            EvidenceRow(
                what=labels.get(f"{kind}:{code}", code.replace("_", " ").capitalize()),
                side=SIDE_LABELS.get(item.get("side") or "", "—"),
                result=RESULT_LABELS.get(item.get("result") or "", "Absent" if kind == "region_absent" else "Present"),
                lr=float(item.get("lr", 1.0)),
                basis=str(item.get("basis", "")),
                source=item.get("source") or "—",
            )
        )
    return tuple(rows)


def diagnosis_build(exam: Exam, protocol: Protocol, labels: dict[str, str]) -> Diagnosis | None:
    """Return the clinician's final diagnosis (the engine's when they agreed), or None when there is none."""
    stored = exam.assessment or {}
    engine_code = exam.engine_diagnosis or stored.get("working_diagnosis") or ""
    code = exam.final_diagnosis or engine_code
    if not code or code not in protocol.conditions:
        return None
    entry = next((e for e in stored.get("differential", []) if e["condition"] == code), {})
    condition = protocol.conditions[code]
    differs = bool(engine_code) and engine_code != code and engine_code in protocol.conditions
    return Diagnosis(
        code=code,
        label=condition.label,
        icd10=condition.icd10,
        probability=None if condition.red_flag_level else entry.get("probability"),  # flags are gates, not odds
        supporting=evidence_rows(entry.get("supporting", []), labels),
        citations=tuple(entry.get("evidence", [])),
        engine_label=protocol.conditions[engine_code].label if differs else None,
        override_reason=exam.override_reason,
    )


def others_build(exam: Exam, protocol: Protocol, code: str) -> tuple[tuple[str, float], ...]:
    """Return the next three mechanical possibilities, so a red-flag letter still says what the exam found."""
    entries = [
        e
        for e in (exam.assessment or {}).get("differential", [])
        if e["condition"] != code
        and e["condition"] in protocol.conditions
        and not protocol.conditions[e["condition"]].red_flag_level
    ]
    return tuple((e["label"], e["probability"]) for e in entries[:3])


def references_build(protocol: Protocol, shorts: list[str]) -> tuple[Reference, ...]:
    """Return the full citation of every short citation the document shows, alphabetically, once each."""
    by_short = {source.short: source for source in protocol.sources.values()}
    found = {short: Reference(short, by_short[short].citation) for short in shorts if short in by_short}
    return tuple(sorted(found.values(), key=lambda ref: ref.short.lower()))


def person_name(user: Any) -> str:
    return user.get_full_name() or user.username if user is not None else ""


def clinic_header(exam: Exam) -> ClinicHeader:
    """Return the letterhead; the logo as a file:// URL the PDF fetcher serves from MEDIA_ROOT."""
    clinic = exam.clinic
    logo = None
    if clinic.logo:
        try:
            logo = Path(clinic.logo.path).as_uri()
        except (NotImplementedError, ValueError):  # a storage without local paths: print without the logo
            logo = None
    lines = tuple(line.strip() for line in clinic.address.splitlines() if line.strip())
    return ClinicHeader(clinic.name, lines, clinic.phone, logo, clinic.paper_size)


def _in_order(codes: list[str], labels: dict[str, str] | Any) -> list[str]:
    order = {code: i for i, code in enumerate(labels)}
    return sorted(codes, key=lambda code: (order.get(code, len(order)), code))


def regions_build(exam: Exam, care: Care) -> tuple[tuple[str, str], ...]:
    """Return (region, sides) in body-chart order, e.g. ("Deep buttock", "left and right")."""
    sides: dict[str, list[str]] = {}
    for region, side in exam.pain_regions.values_list("region", "side"):
        sides.setdefault(region, []).append(side)
    return tuple(
        (care.region_labels.get(r, r), " and ".join(SIDE_LABELS[s].lower() for s in sorted(sides[r])))
        for r in _in_order(list(sides), care.region_labels)
    )


def symptoms_build(exam: Exam, care: Care) -> tuple[str, ...]:
    codes = list(exam.symptoms.values_list("code", flat=True))
    return tuple(care.symptom_labels.get(code, code) for code in _in_order(codes, care.symptom_labels))


def findings_build(exam: Exam, protocol: Protocol) -> tuple[FindingRow, ...]:
    """Return every recorded maneuver in protocol order with readable names."""
    order = {code: i for i, code in enumerate(protocol.maneuvers)}
    rows = sorted(
        exam.findings.values_list("maneuver", "side", "result", "familiar_pain"),
        key=lambda f: (order.get(f[0], len(order)), f[1]),
    )
    return tuple(
        FindingRow(
            protocol.maneuvers[m].name if m in protocol.maneuvers else m,
            SIDE_LABELS.get(side, side),
            RESULT_LABELS.get(result, result),
            "Yes" if familiar else "No" if familiar is False else "—",
        )
        for m, side, result, familiar in rows
    )
