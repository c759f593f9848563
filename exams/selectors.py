"""Reads of exams, always scoped to one clinic: another clinic's exam does not exist here (404)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from exams.models import (
    Addendum,
    Exam,
    ExamHistory,
    Finding,
    PainRegionMark,
    RedFlagAnswer,
    Status,
    SymptomMark,
)
from patients.models import Patient


@dataclass(slots=True)
class ExamAnswers:
    """Every answer of one exam, keyed the way the screens and the engine adapter look them up."""

    red_flags: dict[str, RedFlagAnswer] = field(default_factory=dict)
    regions: dict[tuple[str, str], PainRegionMark] = field(default_factory=dict)
    symptoms: dict[str, SymptomMark] = field(default_factory=dict)
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)
    history: ExamHistory | None = None


def exam_get(*, clinic: Clinic, pk: int | str) -> Exam:
    """Return the clinic's exam `pk` with its patient, or raise Http404 (also for another clinic's exam)."""
    return clinic_get_or_404(Exam.objects.select_related("patient", "signed_by"), clinic=clinic, pk=pk)


def exam_list(*, clinic: Clinic, patient: Patient | None = None) -> QuerySet[Exam]:
    """Return the clinic's exams, newest first, optionally for one patient."""
    exams = Exam.objects.filter(clinic=clinic).select_related("patient", "clinician")
    if patient is not None:
        exams = exams.filter(patient=patient)
    return exams.order_by("-started_at", "-id")


def exam_open_for_patient(*, clinic: Clinic, patient: Patient) -> Exam | None:
    """Return the patient's exam still in progress, if any (there is at most one)."""
    return Exam.objects.filter(clinic=clinic, patient=patient, status=Status.IN_PROGRESS).order_by("-id").first()


def exam_answers_get(*, exam: Exam) -> ExamAnswers:
    """Load every answer of the exam in five queries, whatever their number."""
    return ExamAnswers(
        red_flags={row.code: row for row in RedFlagAnswer.objects.filter(exam=exam)},
        regions={(row.region, row.side): row for row in PainRegionMark.objects.filter(exam=exam)},
        symptoms={row.code: row for row in SymptomMark.objects.filter(exam=exam)},
        findings={(row.maneuver, row.side): row for row in Finding.objects.filter(exam=exam)},
        history=exam_history_get(exam=exam),
    )


def exam_history_get(*, exam: Exam) -> ExamHistory | None:
    """Return the exam's history, or None while nothing of it is recorded."""
    return ExamHistory.objects.filter(exam=exam).first()


def addendum_list(*, exam: Exam) -> list[Addendum]:
    return list(Addendum.objects.filter(exam=exam).select_related("author"))
