"""Everything a letter or plan shows, gathered in one place: every query happens here, never in a template.

The result is a DocumentContext (reports/document.py), so pdf.py renders a snapshot nothing can change mid-render.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils import timezone

from core.errors import DomainError
from exams.models import Exam, Status
from patients.models import Patient
from protocols.care import Care, recipient_default, urgent_line_for
from protocols.engine import assessment_from_dict
from protocols.engine.types import Protocol
from reports.document import AddendumRow, DocumentContext, FlagRow, Recipient
from reports.history import history_rows
from reports.knowledge import knowledge_full, knowledge_get
from reports.letter import differential_rows, key_findings, meanwhile_lines, red_flag_screen, requests_for
from reports.models import DocumentKind
from reports.plan import phases_build, review_date
from reports.sections import (
    advice_build,
    clinic_header,
    diagnosis_build,
    diagnosis_code,
    findings_build,
    gp_recipient,
    patient_identity,
    person_name,
    references_build,
    regions_build,
    signer_build,
    symptoms_build,
)
from reports.wording import likelihood_words, percent

LETTER_STATUSES = (Status.COMPLETED, Status.SIGNED)
NO_PLAN = "A treatment plan needs a working diagnosis: confirm one in the exam summary."


def red_flag_level(protocol: Protocol, present: Collection[str]) -> str | None:
    """Return the highest level among the present red flags: emergency outranks urgent."""
    levels = {protocol.red_flags[code].level.value for code in present if code in protocol.red_flags}
    return "emergency" if "emergency" in levels else "urgent" if "urgent" in levels else None


def recipient_check(care: Care, code: str) -> None:
    """Refuse a recipient the release does not know, naming the field and the choices."""
    if code not in care.referral_targets:
        choices = ", ".join(care.referral_targets)
        raise DomainError("recipient", f"Unknown recipient {code!r}: choose one of {choices}.", code="invalid")


def _recipient(care: Care, kind: str, code: str | None, patient: Patient) -> Recipient | None:
    if kind != DocumentKind.REFERRAL_LETTER or code is None:
        return None
    recipient_check(care, code)
    target = care.referral_targets[code]
    found = Recipient(target.code, target.label, target.addressee)
    return gp_recipient(patient, found) if code == "gp" else found


def exam_completed_check(exam: Exam) -> None:
    """Refuse documents for an exam still in progress: letters need a completed or signed exam."""
    if exam.status not in LETTER_STATUSES or not exam.assessment:
        raise DomainError("exam", "Complete the exam before generating a letter or plan.", code="not_completed")


def treatment_plan_check(exam: Exam) -> None:
    """Refuse at once a plan the worker could only fail: no stated diagnosis, or none the release has care for."""
    protocol, care = knowledge_get(exam.protocol_code, exam.protocol_version)
    code = diagnosis_code(exam, protocol, assessment_from_dict(exam.assessment or {}, protocol))
    if code not in care.conditions:
        raise DomainError("exam", NO_PLAN, code="no_diagnosis")


def recipient_default_for(*, exam: Exam, protocol: Protocol, care: Care) -> str:
    """Return the addressee the rules pick for this exam: red flags first, then the working diagnosis."""
    present = exam.red_flag_answers.filter(present=True).values_list("code", flat=True)
    level = red_flag_level(protocol, present)
    return recipient_default(care, urgent_level=level, condition=exam.final_diagnosis or exam.engine_diagnosis)


def document_context_build(*, exam: Exam, kind: str, recipient: str | None = None) -> DocumentContext:
    """Gather one document's content; raise DomainError for an unfinished exam or an unknown recipient."""
    exam_completed_check(exam)
    exam = Exam.objects.select_related("clinic", "patient", "clinician__membership", "signed_by", "history").get(
        pk=exam.pk
    )
    exam_completed_check(exam)  # again on the row as read now, so its stored assessment is there
    protocol, care, extra, words = knowledge_full(exam.protocol_code, exam.protocol_version)
    assessment = assessment_from_dict(exam.assessment or {}, protocol)  # completed: the record, never a live one
    answers = dict(exam.red_flag_answers.values_list("code", "present"))
    screen = red_flag_screen(answers, protocol)
    present = {code for code, yes in answers.items() if yes}
    flags = tuple(
        FlagRow(c, f.lay_words, f.referral, f.level.value) for c, f in protocol.red_flags.items() if c in present
    )
    level = red_flag_level(protocol, present)
    diagnosis = diagnosis_build(exam, protocol, words, assessment)
    plan = care.conditions.get(diagnosis.code) if diagnosis else None
    if kind == DocumentKind.TREATMENT_PLAN and plan is None:
        raise DomainError("exam", NO_PLAN, code="no_diagnosis")
    if kind == DocumentKind.REFERRAL_LETTER and recipient is None:
        recipient = recipient_default(care, urgent_level=level, condition=diagnosis.code if diagnosis else None)
    patient = exam.patient
    addressee = _recipient(care, kind, recipient, patient)
    request = (
        requests_for(
            protocol=protocol,
            care=care,
            extra=extra,
            recipient=addressee.code,
            plan=plan,
            diagnosis_code=diagnosis.code if diagnosis else None,
        )
        if addressee
        else None
    )
    differential = differential_rows(assessment, protocol, diagnosis.code if diagnosis else "")
    named = [diagnosis.code] if diagnosis else []
    named += [e.condition for e in assessment.differential[:4] if e.condition not in named]
    findings = findings_build(exam, protocol, words)
    positives, negatives = key_findings(assessment, protocol, words, findings, named)
    shorts = [
        *(diagnosis.citations if diagnosis else ()),
        *(c for a in (request.asks + request.onward if request else ()) for c in a.citations),
        *(row.source for row in (diagnosis.supporting if diagnosis else ())),
    ]
    generated_on = timezone.localdate()
    probability = diagnosis.probability if diagnosis else None
    return DocumentContext(
        kind=kind,
        title=f"{DocumentKind(kind).label}: {patient.full_name}",
        generated_on=generated_on,
        clinic=clinic_header(exam.clinic),
        patient=patient_identity(patient, exam.clinic),
        exam_version=exam.version,
        exam_date=timezone.localtime(exam.completed_at or exam.started_at).date(),
        signed_at=exam.signed_at,
        signed_by=person_name(exam.signed_by),
        clinician=person_name(exam.clinician),
        signer=signer_build(exam.clinician),
        recipient=addressee,
        copy_to_patient=exam.clinic.copy_letters_to_patient,
        screen=screen,
        history=history_rows(exam),
        positives=positives,
        negatives=negatives,
        differential=differential,
        request=request,
        meanwhile=meanwhile_lines(plan, screen, plan.review_weeks if plan else None),
        phases=phases_build(plan, extra),
        review_date=review_date(generated_on, plan.review_weeks if plan else None),
        urgent_level=level,
        urgent_line=urgent_line_for(care, urgent_level=level, condition=diagnosis.code if diagnosis else None),
        red_flags=flags,
        regions=regions_build(exam, protocol, words),
        symptoms=symptoms_build(exam, protocol, words),
        findings=findings,
        diagnosis=diagnosis,
        references=references_build(protocol, shorts),
        care=plan,
        do=advice_build(protocol, plan.do) if plan else (),
        avoid=advice_build(protocol, plan.avoid) if plan else (),
        escalation=advice_build(protocol, plan.escalation) if plan else (),
        emergency_words=_lay_words(protocol, care, "emergency"),
        urgent_words=_lay_words(protocol, care, "urgent"),
        addenda=tuple(
            AddendumRow(person_name(a.author), a.created_at, a.text) for a in exam.addenda.select_related("author")
        ),
        disclaimer=care.disclaimer,
        programme_note=care.programme_note,
        probability=f"{likelihood_words(probability)}, {percent(probability)}" if probability is not None else "",
    )


def _lay_words(protocol: Protocol, care: Care, level: str) -> tuple[str, ...]:
    return tuple(care.patient_flag_words[code] for code, flag in protocol.red_flags.items() if flag.level == level)
