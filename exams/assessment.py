"""The bridge to the engine: stored answers become an ExamInput, read with the protocol version the exam pinned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from exams.history import age_years, duration_weeks
from exams.models import Exam, ExamHistory
from exams.release import exam_release
from exams.selectors import ExamAnswers, exam_answers_get
from protocols.engine import assess, assessment_from_dict, assessment_to_dict
from protocols.engine.types import Assessment, ExamInput, Finding, PainRegion, Protocol, Result, Side


def exam_protocol(exam: Exam) -> Protocol:
    """Return the knowledge the exam was recorded under; old exams are always re-read with their own version."""
    return exam_release(exam).protocol


def exam_date(exam: Exam) -> dt.date:
    """The day the exam was taken, in the clinic's time zone: age and time since onset are counted to it."""
    return timezone.localdate(exam.started_at) if exam.started_at else timezone.localdate()


def exam_age(exam: Exam) -> int | None:
    """The patient's age in whole years on the exam date."""
    born = exam.patient.date_of_birth
    return age_years(born=born, on=exam_date(exam)) if born else None


def exam_duration_weeks(exam: Exam, history: ExamHistory | None) -> int | None:
    """Whole weeks since onset on the exam date, from the history (None when not recorded)."""
    if history is None:
        return None
    return duration_weeks(onset_date=history.onset_date, onset_weeks=history.onset_weeks, on=exam_date(exam))


def _side(value: str) -> Side | None:
    return Side(value) if value else None


def exam_input_build(*, exam: Exam, answers: ExamAnswers) -> ExamInput:
    """Turn the stored rows into the engine's input, in a stable order so equal exams assess equally."""
    findings = tuple(
        Finding(maneuver=row.maneuver, result=Result(row.result), side=_side(row.side), familiar_pain=row.familiar_pain)
        for _, row in sorted(answers.findings.items())
    )
    return ExamInput(
        findings=findings,
        affected_side=_side(exam.affected_side),
        red_flags=frozenset(code for code, row in answers.red_flags.items() if row.present),
        pain_regions=tuple(PainRegion(region=r, side=Side(s)) for r, s in sorted(answers.regions)),
        symptoms=frozenset(answers.symptoms),
        age=exam_age(exam),
        duration_weeks=exam_duration_weeks(exam, answers.history),
    )


def exam_assess(exam: Exam, answers: ExamAnswers | None = None) -> Assessment:
    """Assess the exam as it stands now (live), with the protocol version it is pinned to."""
    if answers is None:
        answers = exam_answers_get(exam=exam)
    return assess(exam_protocol(exam), exam_input_build(exam=exam, answers=answers))


def exam_assessment(exam: Exam, answers: ExamAnswers | None = None) -> Assessment:
    """Return the stored assessment of a completed exam read back, else a live one: screens and letters use this."""
    if exam.assessment:
        return assessment_from_dict(exam.assessment, exam_protocol(exam))
    return exam_assess(exam, answers)


def exam_assessment_dict(exam: Exam, answers: ExamAnswers | None = None) -> dict[str, Any]:
    """Return the stored assessment of a completed exam as stored, else a live one in the same JSON shape.

    For the API and the FHIR export, which hand the contract JSON on: a record is served exactly as it was kept.
    """
    if exam.assessment:
        stored: dict[str, Any] = exam.assessment  # written by assessment_to_dict at completion
        return stored
    return assessment_to_dict(exam_assess(exam, answers))
