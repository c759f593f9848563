"""Build each section of a document from the exam's rows, the stored assessment and the protocol release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clinics.models import Clinic
from exams.models import Exam
from patients.models import Patient
from protocols.care import CareItem
from protocols.engine.rules import Labels
from protocols.engine.serialize import probability_display
from protocols.engine.types import Assessment, DifferentialEntry, EvidenceItem, Protocol, Result
from protocols.words import evidence_words, word
from reports.citations import display_citation, display_evidence
from reports.document import (
    Advice,
    ClinicHeader,
    Diagnosis,
    EvidenceRow,
    FindingRow,
    PatientIdentity,
    Recipient,
    Reference,
    Signer,
)


def advice_build(protocol: Protocol, items: tuple[CareItem, ...]) -> tuple[Advice, ...]:
    """Turn care items into printable advice with short citations (source keys were checked at load)."""
    return tuple(Advice(i.text, tuple(protocol.sources[k].short for k in i.sources), i.judgement) for i in items)


def evidence_rows(protocol: Protocol, words: Labels, items: tuple[EvidenceItem, ...]) -> tuple[EvidenceRow, ...]:
    """List the findings that carried weight; items shown but not multiplied are left out of the letter."""
    rows = []
    for item in items:
        if not item.counted:
            continue
        said = evidence_words(protocol, words, item)
        rows.append(
            EvidenceRow(
                what=said.what,
                side=said.side or "—",
                result=said.result or ("Absent" if item.kind == "region_absent" else "Present"),
                lr=item.lr,
                basis=item.basis.value,
                source=display_evidence(item.source or "—"),
            )
        )
    return tuple(rows)


def _probability(assessment: Assessment, entry: DifferentialEntry | None, *, gate: bool) -> float | None:
    """The figure a letter may state: none for a red-flag condition or a flagged head (gates, not odds)."""
    if gate or entry is None or entry.condition in assessment.flagged:
        return None
    return probability_display(entry.probability)


def diagnosis_code(exam: Exam, protocol: Protocol, assessment: Assessment) -> str:
    """The diagnosis a document states: the clinician's final one, else the engine's; "" when there is none."""
    code = exam.final_diagnosis or exam.engine_diagnosis or assessment.working_diagnosis or ""
    return code if code in protocol.conditions else ""


def diagnosis_build(exam: Exam, protocol: Protocol, words: Labels, assessment: Assessment) -> Diagnosis | None:
    """Return the clinician's final diagnosis (the engine's when they agreed), or None when there is none."""
    engine_code = exam.engine_diagnosis or assessment.working_diagnosis or ""
    code = diagnosis_code(exam, protocol, assessment)
    if not code:
        return None
    entry = next((e for e in assessment.differential if e.condition == code), None)
    condition = protocol.conditions[code]
    differs = bool(engine_code) and engine_code != code and engine_code in protocol.conditions
    return Diagnosis(
        code=code,
        label=condition.label,
        icd10=condition.icd10,
        probability=_probability(assessment, entry, gate=condition.red_flag_level is not None),
        supporting=evidence_rows(protocol, words, entry.supporting) if entry else (),
        citations=tuple(display_evidence(short) for short in entry.evidence) if entry else (),
        engine_label=protocol.conditions[engine_code].label if differs else None,
        override_reason=exam.override_reason,
    )


def references_build(protocol: Protocol, shorts: list[str]) -> tuple[Reference, ...]:
    """Return the full citation of every short citation the document shows, alphabetically, once each."""
    by_short = {source.short: source for source in protocol.sources.values()}
    found = {short: Reference(short, _display(by_short[short])) for short in shorts if short in by_short}
    return tuple(sorted(found.values(), key=lambda ref: ref.short.lower()))


def _display(source: Any) -> str:
    """A release's own display citation when it has one (1.1.0+), else the stored one with notes removed."""
    return str(getattr(source, "display", "") or display_citation(source.citation))


def person_name(user: Any) -> str:
    return user.get_full_name() or user.username if user is not None else ""


def clinic_header(clinic: Clinic) -> ClinicHeader:
    """Return the letterhead; the logo as a file:// URL the PDF fetcher serves from MEDIA_ROOT."""
    logo = None
    if clinic.logo:
        try:
            logo = Path(clinic.logo.path).as_uri()
        except (NotImplementedError, ValueError):  # a storage without local paths: print without the logo
            logo = None
    lines = tuple(line.strip() for line in clinic.address.splitlines() if line.strip())
    return ClinicHeader(clinic.name, lines, clinic.phone, clinic.email, logo, clinic.paper_size)


def signer_build(user: Any) -> Signer:
    """Name, profession and registration number of the letter's author, from their clinic membership."""
    membership = getattr(user, "membership", None)
    if membership is None:  # an operator without a clinic role
        return Signer(person_name(user), "Physiotherapist", "")
    return Signer(person_name(user), membership.profession or "Physiotherapist", membership.registration_number)


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def gp_recipient(patient: Patient, target: Recipient) -> Recipient:
    """Address a GP letter to the patient's own practice when the record has one."""
    if not patient.gp_practice_name:
        return target
    return Recipient(target.code, target.label, patient.gp_practice_name, lines_of(patient.gp_practice_address))


def patient_identity(patient: Patient, clinic: Clinic) -> PatientIdentity:
    """Who the document is about: the clinic's own number, and the national identifier under the clinic's name."""
    return PatientIdentity(
        name=patient.full_name,
        date_of_birth=patient.date_of_birth,
        identifier=patient.identifier,
        sex=patient.get_sex_display(),
        national_id=patient.national_id,
        national_id_label=clinic.national_id_label or "National identifier",
        address=", ".join(lines_of(patient.address)),
    )


def regions_build(exam: Exam, protocol: Protocol, words: Labels) -> tuple[tuple[str, str], ...]:
    """Return (region, sides) in body-chart order, e.g. ("Deep buttock", "left and right")."""
    sides: dict[str, list[str]] = {}
    for region, side in exam.pain_regions.values_list("region", "side"):
        sides.setdefault(region, []).append(side)
    order = {code: i for i, code in enumerate(protocol.regions)}
    return tuple(
        (word(words, "regions", r), " and ".join(word(words, "sides", s).lower() for s in sorted(sides[r])))
        for r in sorted(sides, key=lambda code: (order.get(code, len(order)), code))
    )


def symptoms_build(exam: Exam, protocol: Protocol, words: Labels) -> tuple[str, ...]:
    order = {code: i for i, code in enumerate(protocol.symptoms)}
    codes = sorted(exam.symptoms.values_list("code", flat=True), key=lambda code: (order.get(code, len(order)), code))
    return tuple(word(words, "symptoms", code) for code in codes)


def findings_build(exam: Exam, protocol: Protocol, words: Labels) -> tuple[FindingRow, ...]:
    """Return every recorded maneuver in protocol order with readable names."""
    order = {code: i for i, code in enumerate(protocol.maneuvers)}
    rows = sorted(
        exam.findings.values_list("maneuver", "side", "result", "familiar_pain"),
        key=lambda f: (order.get(f[0], len(order)), f[1]),
    )
    return tuple(
        FindingRow(
            maneuver=protocol.maneuvers[m].name if m in protocol.maneuvers else m,
            side=word(words, "sides", side) if side else "",
            result=word(words, "results", result),
            positive=result == Result.POSITIVE,
            familiar_pain=familiar,
        )
        for m, side, result, familiar in rows
    )
