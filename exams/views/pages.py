"""The exam screens: start or resume from the patient page, one screen per step, and the summary."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams import services
from exams.screens import step_url
from exams.selectors import exam_get
from exams.summary import summary_context
from exams.views.rendering import PAGE, is_htmx, step_context
from patients.selectors import patient_get

SUMMARY_PAGE = "exams/exam_summary.html"


@require_POST
def exam_start(request: ClinicRequest, patient_pk: int) -> HttpResponse:
    """Open the patient's exam in progress, or start one; never two at once."""
    patient = patient_get(clinic=request.clinic, pk=patient_pk)
    exam, created = services.exam_start(clinic=request.clinic, patient=patient, clinician=request.user)
    if created:
        messages.success(request, f"Exam started for {patient.full_name}.")
    else:
        messages.info(request, "This patient already has an exam in progress: resuming it.")
    return redirect(step_url(exam, exam.current_step or "red_flags"))


@require_GET
def exam_detail(request: ClinicRequest, pk: int) -> HttpResponse:
    """Resume an exam in progress where it stopped; show the summary of a finished one."""
    exam = exam_get(clinic=request.clinic, pk=pk)
    step = exam.current_step if exam.is_editable and exam.current_step else services.SUMMARY_STEP
    return redirect(step_url(exam, step))


@never_cache
@require_GET
def exam_step(request: ClinicRequest, pk: int, step: str) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=pk)
    try:
        services.exam_step_set(exam=exam, step=step)
    except DomainError:
        raise Http404("No such step in this exam.") from None
    if step == services.SUMMARY_STEP:
        return render(request, SUMMARY_PAGE, summary_context(exam))
    template = f"{PAGE}#step-body" if is_htmx(request) else PAGE
    response = render(request, template, step_context(exam, step))
    patch_vary_headers(response, ["HX-Request"])
    return response
