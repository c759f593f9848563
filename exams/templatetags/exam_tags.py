"""Template tags for exam components: the patient page lists exams through these without importing exams."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from exams.models import Exam, Status
from exams.selectors import exam_list
from patients.models import Patient

register = template.Library()


@register.simple_tag(takes_context=True)
def patient_exams(context: template.Context, patient: Patient) -> list[Exam]:
    """Return the patient's exams in the viewer's clinic, newest first, loaded once for the whole page."""
    return list(exam_list(clinic=context["request"].clinic, patient=patient))


@register.filter
def open_exam(exams: Iterable[Exam]) -> Exam | None:
    """Return the exam still in progress among `exams` (a loaded list), if any."""
    return next((exam for exam in exams if exam.status == Status.IN_PROGRESS), None)


@register.filter
def finished_exam(exams: Iterable[Exam]) -> Exam | None:
    """Return the newest exam no longer in progress among `exams` (a loaded list, newest first), if any."""
    return next((exam for exam in exams if exam.status != Status.IN_PROGRESS), None)
