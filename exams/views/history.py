"""The history step's autosave: one field per post, answered with that field's fragment (and what it changed)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams import services
from exams.forms import HistoryForm, form_errors_text
from exams.history import EITHER_OR, FIELDS, Kind
from exams.history_screen import history_control, since_text
from exams.selectors import exam_get
from exams.steps import HISTORY_STEP
from exams.views.autosave import Parts, Tap, tap_respond
from exams.views.rendering import problem_response

TEMPLATE = "exams/step_history.html"


def _words(value: Any) -> str:
    return "empty" if value in (None, "") else f"“{value}”"


def _saved_words(name: str, value: str) -> str:
    spec = FIELDS[name]
    if not value.strip():
        return f"Saved: {spec.label} cleared"
    if spec.kind in (Kind.SCORE,):
        return f"Saved: {spec.label} {value.strip()} out of 10"
    if spec.kind in (Kind.TEXT, Kind.LINE):
        return f"Saved: {spec.label}"
    return f"Saved: {spec.label} {value.strip()}"


@require_POST
def history_record(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=pk)
    form = HistoryForm(request.POST)
    if not form.is_valid():
        key = f"history-{request.POST.get('field', '')}"  # the field named, when it is one: its message goes there
        return problem_response(
            request, exam, DomainError("__all__", form_errors_text(form)), step=HISTORY_STEP, key=key
        )
    name, value, version = form.cleaned_data["field"], form.cleaned_data["value"], form.cleaned_data["version"]
    tap = Tap(HISTORY_STEP, f"history-{name}", _saved_words(name, value), _words)

    def parts(context: dict[str, Any]) -> Parts:
        history = context["answers"].history
        control = history_control(history, name, context["notes"])
        body: Parts = [(f"{TEMPLATE}#history-control", {**context, "c": control})]
        if name in EITHER_OR:  # the other way of giving the time since onset was cleared
            other = history_control(history, EITHER_OR[name], context["notes"])
            body.append((f"{TEMPLATE}#history-control", {**context, "c": other, "oob": True}))
            body.append((f"{TEMPLATE}#history-since", {**context, "since": since_text(exam, history), "oob": True}))
        return body

    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.history_record(exam=exam, changes={name: value}, version=version),
        parts,
    )
