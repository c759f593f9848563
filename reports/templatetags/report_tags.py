"""The documents panel as a tag, so the patient page and the exam summary show it without importing reports."""

from __future__ import annotations

from typing import Any

from django import template

from exams.models import Exam
from patients.models import Patient
from reports.selectors import exam_documents, patient_documents

register = template.Library()


@register.inclusion_tag("reports/components/exam_documents.html", takes_context=True)
def documents_panel(context: template.Context, exam: Exam) -> dict[str, Any]:
    """Render the letters and plans of `exam`, scoped to the viewer's clinic like every other read."""
    request = context["request"]
    return {
        "exam": exam,
        "documents": exam_documents(clinic=request.clinic, exam=exam),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reports/components/patient_documents.html", takes_context=True)
def patient_documents_list(context: template.Context, patient: Patient, shown: Exam | None = None) -> dict[str, Any]:
    """Render every exam's letters and plans of `patient`, newest exam first, leaving out the exam `shown` above.

    The exam whose documents panel the page already shows (the latest finished one) is left out rather than
    listed twice; its panel is the live one (generate, preparing, retry in place).
    """
    groups = patient_documents(clinic=context["request"].clinic, patient=patient)
    return {
        "groups": tuple(group for group in groups if shown is None or group.exam.pk != shown.pk),
        "shown": shown,
        "csrf_token": context.get("csrf_token"),
    }
