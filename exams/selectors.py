"""Reads of exams, always scoped to one clinic: another clinic's exam does not exist here (404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from exams.locked_read import exam_locked_read
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
from exams.release import with_release_digest
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
    exams = with_release_digest(Exam.objects.select_related("patient", "signed_by"))
    return clinic_get_or_404(exams, clinic=clinic, pk=pk)


def exam_get_for_write(*, clinic: Clinic, pk: int | str) -> Exam:
    """Return the clinic's exam `pk` locked until the request's transaction ends (404 as exam_get).

    For the answer views: an audited write runs in one transaction (audit.middleware), so this one read is
    also the write's lock, and the service is told so (`held=True`) instead of reading the row again. The
    patient and the history come with it; only the exam row is locked.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("exam_get_for_write needs the request's transaction (an audited write route).")
    try:
        exam = exam_locked_read(clinic_id=clinic.pk, pk=int(pk))
    except (ValueError, TypeError):
        exam = None
    if exam is None:
        raise Http404("No such exam in your clinic.")
    return exam


def exam_list(*, clinic: Clinic, patient: Patient | None = None) -> QuerySet[Exam]:
    """Return the clinic's exams, newest first, optionally for one patient."""
    exams = Exam.objects.filter(clinic=clinic).select_related("patient", "clinician")
    if patient is not None:
        exams = exams.filter(patient=patient)
    return exams.order_by("-started_at", "-id")


def exam_open_for_patient(*, clinic: Clinic, patient: Patient) -> Exam | None:
    """Return the patient's exam still in progress, if any (there is at most one)."""
    return Exam.objects.filter(clinic=clinic, patient=patient, status=Status.IN_PROGRESS).order_by("-id").first()


# Where each answer table's row goes in one UNION ALL, as (kind, id, revision, code, side, present, result,
# familiar_pain, note): one round trip for every answer, whatever their number (issue 19).
_ANSWER_COLUMNS = {
    RedFlagAnswer: "code, '', present, '', CAST(NULL AS BOOLEAN), ''",
    PainRegionMark: "region, side, CAST(NULL AS BOOLEAN), '', CAST(NULL AS BOOLEAN), ''",
    SymptomMark: "code, '', CAST(NULL AS BOOLEAN), '', CAST(NULL AS BOOLEAN), ''",
    Finding: "maneuver, side, CAST(NULL AS BOOLEAN), result, familiar_pain, note",
}
_KINDS = tuple(_ANSWER_COLUMNS)


def _answers_sql() -> str:
    """The one statement; built from the models' own table names and constant columns, the exam id is a parameter."""
    return " UNION ALL ".join(
        f"SELECT {kind}, id, revision, {columns} FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
        "WHERE exam_id = %s"
        for kind, (model, columns) in enumerate(_ANSWER_COLUMNS.items())
    )


def _answers_fill(answers: ExamAnswers, exam: Exam, rows: list[tuple[Any, ...]]) -> None:
    for kind, pk, revision, code, side, present, result, familiar_pain, note in rows:
        model = _KINDS[kind]
        if model is Finding:
            familiar = None if familiar_pain is None else bool(familiar_pain)
            answers.findings[(code, side)] = Finding(
                id=pk,
                exam=exam,
                revision=revision,
                maneuver=code,
                side=side,
                result=result,
                familiar_pain=familiar,
                note=note,
            )
        elif model is RedFlagAnswer:
            answers.red_flags[code] = RedFlagAnswer(
                id=pk, exam=exam, revision=revision, code=code, present=bool(present)
            )
        elif model is PainRegionMark:
            answers.regions[(code, side)] = PainRegionMark(id=pk, exam=exam, revision=revision, region=code, side=side)
        else:
            answers.symptoms[code] = SymptomMark(id=pk, exam=exam, revision=revision, code=code)


def exam_answers_get(*, exam: Exam) -> ExamAnswers:
    """Load every answer of the exam in two queries, whatever their number: the four answer tables, the history.

    Inside an exam write the exam row is locked first, so this is the whole state every writer agrees on; a
    history already joined to the exam (exam_lock's select_related) costs no query of its own.
    """
    with connection.cursor() as cursor:
        cursor.execute(_answers_sql(), [exam.pk] * len(_KINDS))
        rows = cursor.fetchall()
    answers = ExamAnswers(history=_history_joined(exam))
    _answers_fill(answers, exam, rows)
    return answers


def _history_joined(exam: Exam) -> ExamHistory | None:
    """The exam's history from its select_related join when there was one, else from its own query."""
    if "history" not in exam._state.fields_cache:
        return exam_history_get(exam=exam)
    try:
        return exam.history
    except ExamHistory.DoesNotExist:
        return None


def exam_history_get(*, exam: Exam) -> ExamHistory | None:
    """Return the exam's history, or None while nothing of it is recorded."""
    return ExamHistory.objects.filter(exam=exam).first()


def addendum_list(*, exam: Exam) -> list[Addendum]:
    return list(Addendum.objects.filter(exam=exam).select_related("author"))
