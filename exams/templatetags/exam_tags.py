"""Template filters for exam components; they only look at objects the view already loaded."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from exams.models import Exam, Status

register = template.Library()


@register.filter
def open_exam(exams: Iterable[Exam]) -> Exam | None:
    """Return the exam still in progress among `exams` (a loaded list), if any."""
    return next((exam for exam in exams if exam.status == Status.IN_PROGRESS), None)
