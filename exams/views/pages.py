"""The exam screens: start or resume from the patient page, one screen per step, and the summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.base import BaseStorage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest
from exams import services
from exams.screens import step_url
from exams.selectors import exam_get
from exams.summary import summary_context
from exams.views.rendering import PAGE, fragments, is_htmx, out_of_band, step_context
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
    """One step screen; htmx asks for the step body with the live pieces (after taps saved elsewhere).

    The service worker fetches every step of an open exam to keep it offline (`X-Exam-Prefetch`): that read
    must not move the exam's resume point.
    """
    exam = exam_get(clinic=request.clinic, pk=pk)
    if step not in services.step_codes(exam):
        raise Http404("No such step in this exam.")
    prefetch = request.headers.get("X-Exam-Prefetch") == "1"
    if not prefetch:
        services.exam_step_set(exam=exam, step=step)
    if step == services.SUMMARY_STEP:
        response = render(request, SUMMARY_PAGE, summary_context(exam))
    elif is_htmx(request):
        context = step_context(exam, step)
        parts = [(f"{PAGE}#step-body", context), *out_of_band(context, banner=True)]
        response = HttpResponse(fragments(request, parts))
    else:
        response = render(request, PAGE, context=step_context(exam, step))
    if prefetch:
        stored = messages.get_messages(request)
        if isinstance(stored, BaseStorage):
            stored.used = False  # "Exam completed." is for the page the clinician opens next
    patch_vary_headers(response, ["HX-Request"])
    return response
