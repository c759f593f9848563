"""Completing, signing and adding addenda: plain form posts that land back on the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams import services
from exams.completion import CONFIRM_FIELD, CONFIRM_VALUE, exam_doubts
from exams.forms import AddendumForm, CompleteForm, form_errors_text
from exams.models import Exam
from exams.screens import step_url
from exams.selectors import exam_get
from exams.summary import summary_context
from exams.views.pages import SUMMARY_PAGE


def _summary_write(
    request: ClinicRequest, exam: Exam, form: Any, write: Callable[[dict[str, Any]], object], done: str
) -> HttpResponse:
    """Validate, run one service, and redirect to the summary; redraw it with the message when refused."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except DomainError as error:
            return _summary_refused(request, exam, error.message, error.status, form, error.field)
        messages.success(request, done)
        return redirect(step_url(exam, services.SUMMARY_STEP))
    return _summary_refused(request, exam, form_errors_text(form), 400, form)


def _summary_refused(
    request: ClinicRequest, exam: Exam, message: str, status: int, form: Any, field: str = "__all__"
) -> HttpResponse:
    """Redraw the summary with the refusal at the top and, for a named field, beside that field too."""
    exam.refresh_from_db()
    errors = {name: " ".join(str(e) for e in errs) for name, errs in form.errors.items()} if form.errors else {}
    if field != "__all__":
        errors[field] = message
    context = summary_context(exam, notice=message, form_values=form.data, field_errors=errors)
    return render(request, SUMMARY_PAGE, context, status=status)


@require_POST
def exam_complete(request: ClinicRequest, pk: int) -> HttpResponse:
    """Complete the exam; with sided tests left out on the affected side or a cluster half done, ask once first."""
    exam = exam_get(clinic=request.clinic, pk=pk)
    form = CompleteForm(request.POST)
    asking = exam.clinician_id == request.user.pk and request.POST.get(CONFIRM_FIELD) != CONFIRM_VALUE
    if asking and form.is_valid():
        doubts = exam_doubts(exam)
        if doubts:
            return render(request, SUMMARY_PAGE, summary_context(exam, doubts=doubts, form_values=form.data))
    return _summary_write(
        request,
        exam,
        form,
        lambda data: services.exam_complete(
            exam=exam,
            final_diagnosis=data["final_diagnosis"],
            override_reason=data["override_reason"],
            version=data["version"],
            user=request.user,
        ),
        "Exam completed. Check the summary, then sign it.",
    )


@require_POST
def exam_sign(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=pk)
    return _summary_write(
        request,
        exam,
        CompleteForm(request.POST),
        lambda data: services.exam_sign(exam=exam, user=request.user),
        "Exam signed. It is now read-only; add an addendum for anything further.",
    )


@require_POST
def addendum_add(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=pk)
    return _summary_write(
        request,
        exam,
        AddendumForm(request.POST),
        lambda data: services.addendum_add(exam=exam, author=request.user, text=data["text"]),
        "Addendum added.",
    )


@require_POST
def exam_cosign(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=pk)
    return _summary_write(
        request,
        exam,
        CompleteForm(request.POST),
        lambda data: services.exam_cosign(exam=exam, user=request.user, is_lead=request.membership.is_lead),
        "Exam co-signed.",
    )
