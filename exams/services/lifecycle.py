"""Starting, moving through, completing and signing an exam, and addenda after signing."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from clinics.models import Clinic
from core.errors import ConflictError, DomainError, ForbiddenError, ReadOnlyError
from exams.assessment import exam_assess, exam_protocol
from exams.models import Addendum, Exam, RedFlagAnswer, Status
from exams.selectors import exam_open_for_patient
from exams.services.locking import exam_bump, exam_lock
from exams.signals import COMPLETED, SIGNED, STARTED, exam_progressed
from exams.steps import SUMMARY_STEP as SUMMARY_STEP  # the services name the summary step for the views
from exams.steps import exam_steps
from patients.models import Patient
from protocols.engine import assessment_to_dict
from protocols.registry import protocol_current

ADDENDUM_MAX = 5000


def exam_start(*, clinic: Clinic, patient: Patient, clinician: User) -> tuple[Exam, bool]:
    """Return the patient's open exam, or start one pinned to the current protocol; True when started."""
    if patient.clinic_id != clinic.pk:
        raise DomainError("patient", "This patient is not on your clinic's registry.")
    protocol = protocol_current()
    with transaction.atomic():
        # Lock the patient so two tablets tapping "Start exam" at once still open only one exam.
        Patient.objects.select_for_update().filter(pk=patient.pk).first()
        open_exam = exam_open_for_patient(clinic=clinic, patient=patient)
        if open_exam is not None:
            return open_exam, False
        exam = Exam.objects.create(
            clinic=clinic,
            patient=patient,
            clinician=clinician,
            protocol_code=protocol.code,
            protocol_version=protocol.version,
            current_step=protocol.steps[0].code,
        )
        exam_progressed.send(sender=Exam, exam=exam, stage=STARTED)
    return exam, True


def step_codes(exam: Exam) -> list[str]:
    """Return the exam's screens in order: the protocol's steps with the history, then the summary."""
    return [code for code, _ in exam_steps(exam_protocol(exam))]


def exam_step_set(*, exam: Exam, step: str) -> None:
    """Remember the screen the clinician is on, so reopening the exam resumes there."""
    if step not in step_codes(exam):
        raise DomainError("step", f"Unknown exam step “{step}”.")
    if exam.is_editable and exam.current_step != step:
        Exam.objects.filter(pk=exam.pk, status=Status.IN_PROGRESS).update(current_step=step)
        exam.current_step = step


SIGN_OWN_ONLY = (
    "Only the examining clinician completes and signs this exam; a clinic lead may co-sign it once signed, "
    "and anyone in the clinic may add an addendum."
)


def examiner_check(exam: Exam, user: User | None) -> None:
    """Refuse a user other than the examining clinician (None: internal callers that act for the examiner)."""
    if user is not None and user.pk != exam.clinician_id:
        raise ForbiddenError("__all__", SIGN_OWN_ONLY)


def exam_complete(
    *,
    exam: Exam,
    final_diagnosis: str = "",
    override_reason: str = "",
    version: int | None = None,
    user: User | None = None,
) -> Exam:
    """Store the engine's assessment with the clinician's confirmed or overridden final diagnosis.

    The web and API edges always pass the signed-in `user`: only the examining clinician completes.
    """
    examiner_check(exam, user)
    final_diagnosis, override_reason = final_diagnosis.strip(), override_reason.strip()
    protocol = exam_protocol(exam)
    if final_diagnosis and final_diagnosis not in protocol.conditions:
        raise DomainError("final_diagnosis", f"Unknown condition “{final_diagnosis}”.")
    with transaction.atomic():
        locked = exam_lock(exam=exam)
        if version is not None and version != locked.version:
            raise ConflictError(
                "version",
                "The exam changed since you reviewed it; check the summary again before completing.",
                current=locked.version,
                version=locked.version,
            )
        answered = set(RedFlagAnswer.objects.filter(exam=locked).values_list("code", flat=True))
        missing = [code for code in protocol.red_flags if code not in answered]
        if missing:
            raise DomainError("red_flags", f"Answer every red-flag question first ({len(missing)} unanswered).")
        assessment = exam_assess(locked)
        engine = assessment.working_diagnosis or ""
        final = final_diagnosis or engine
        if final != engine and not override_reason:
            raise DomainError(
                "override_reason", "Give the reason for a final diagnosis that differs from the working diagnosis."
            )
        exam_bump(
            locked=locked,
            exam=exam,
            step=SUMMARY_STEP,
            status=Status.COMPLETED,
            completed_at=timezone.now(),
            assessment=assessment_to_dict(assessment),
            engine_diagnosis=engine,
            final_diagnosis=final,
            override_reason=override_reason if final != engine else "",
        )
        exam_progressed.send(sender=Exam, exam=locked, stage=COMPLETED)
    return exam


def exam_sign(*, exam: Exam, user: User) -> Exam:
    """Sign a completed exam; from then on it is read-only and only addenda can follow.

    The signature names the examining clinician, so only they may sign (a lead co-signs: exam_cosign).
    """
    examiner_check(exam, user)
    with transaction.atomic():
        locked = exam_lock(exam=exam, editable=False)
        if locked.status == Status.SIGNED:
            raise ReadOnlyError("This exam is already signed.")
        if locked.status != Status.COMPLETED:
            raise DomainError("status", "Complete the exam before signing it.")
        exam_bump(locked=locked, exam=exam, status=Status.SIGNED, signed_at=timezone.now(), signed_by=user)
        exam_progressed.send(sender=Exam, exam=locked, stage=SIGNED)
    return exam


def exam_cosign(*, exam: Exam, user: User, is_lead: bool) -> Exam:
    """A clinic lead other than the examiner countersigns a signed exam (once); nothing else changes."""
    if not is_lead:
        raise ForbiddenError("__all__", "Only a clinic lead can co-sign an exam.")
    if user.pk == exam.clinician_id:
        raise ForbiddenError("__all__", "The examining clinician signs; a co-signature comes from a clinic lead.")
    with transaction.atomic():
        locked = exam_lock(exam=exam, editable=False)
        if locked.status != Status.SIGNED:
            raise DomainError("status", "The examining clinician signs first; co-sign afterwards.")
        if locked.cosigned_at is not None:
            raise ReadOnlyError("This exam is already co-signed.")
        exam_bump(locked=locked, exam=exam, cosigned_at=timezone.now(), cosigned_by=user)
    return exam


def addendum_add(*, exam: Exam, author: User, text: str) -> Addendum:
    """Append a dated note to a signed exam without touching what was signed."""
    text = text.strip()
    if not text:
        raise DomainError("text", "Write the addendum text.")
    if len(text) > ADDENDUM_MAX:
        raise DomainError("text", f"Keep an addendum under {ADDENDUM_MAX} characters.")
    with transaction.atomic():
        locked = exam_lock(exam=exam, editable=False)
        if locked.status != Status.SIGNED:
            raise DomainError("text", "Addenda follow signing; until then, change the exam itself.")
        exam_bump(locked=locked, exam=exam)
        return Addendum.objects.create(exam=locked, author=author, text=text)
