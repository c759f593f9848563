"""The documents panel as a tag, so the patient page and the exam summary show it without importing reports."""

from __future__ import annotations

from typing import Any

from django import template

from exams.models import Exam
from reports.selectors import exam_documents

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
