"""HTML edge of the documents: ask for one (queued), watch it being prepared, download, send, and the panel.

Views stay thin: reports/jobs.py queues renders, reports/sending.py records and queues sendings. Every page works
without JavaScript (the preparing page refreshes itself); with htmx the documents panel swaps in place and polls
while something is being prepared or sent.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams.selectors import exam_get
from reports.card import card_pdf
from reports.jobs import document_request, job_retry
from reports.models import DeliveryMethod, GeneratedDocument
from reports.selectors import delivery_get, document_get, exam_documents, job_get
from reports.sending import delivery_record, delivery_retry

PANEL = "reports/components/exam_documents.html"


def pdf_response(document: GeneratedDocument, *, inline: bool = False) -> HttpResponse:
    """Answer with the stored bytes unchanged, never cached by a shared proxy."""
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = _disposition(attachment=not inline, filename=document.filename)
    response["ETag"] = f'"{document.sha256}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def _disposition(*, attachment: bool, filename: str) -> str:
    """Django answers None only for an inline file without a name; ours always have one."""
    return content_disposition_header(attachment, filename) or ("attachment" if attachment else "inline")


def _panel(request: ClinicRequest, exam: Any, error: DomainError | None = None, status: int = 200) -> HttpResponse:
    documents = exam_documents(clinic=request.clinic, exam=exam)
    return render(request, PANEL, {"exam": exam, "documents": documents, "error": error}, status=status)


@require_POST
def document_create(request: ClinicRequest, exam_id: int, kind: str) -> HttpResponse:
    """Queue the document; htmx gets the panel back (now showing "preparing"), a plain form the job's page."""
    exam = exam_get(clinic=request.clinic, pk=exam_id)
    try:
        job = document_request(
            exam=exam,
            kind=kind,
            user=request.user,
            recipient=request.POST.get("recipient") or None,
        )
    except DomainError as error:
        if request.htmx:
            return _panel(request, exam, error)  # htmx swaps 200s only: the panel shows the message in place
        return render(request, "reports/document_error.html", {"exam": exam, "error": error}, status=error.status)
    return _panel(request, exam) if request.htmx else redirect("reports:job-detail", pk=job.pk)


@require_GET
def job_detail(request: ClinicRequest, pk: int) -> HttpResponse:
    """The job's page: refreshes itself while preparing, then offers the download; htmx polls its status part."""
    job = job_get(clinic=request.clinic, pk=pk)
    template = "reports/job_detail.html#job-status" if request.htmx else "reports/job_detail.html"
    return render(request, template, {"job": job, "exam": job.exam})


@require_POST
def job_retry_view(request: ClinicRequest, pk: int) -> HttpResponse:
    job = job_retry(job_get(clinic=request.clinic, pk=pk))
    return _panel(request, job.exam) if request.htmx else redirect("reports:job-detail", pk=job.pk)


@require_GET
def document_download(request: ClinicRequest, pk: int) -> HttpResponse:
    document = document_get(clinic=request.clinic, pk=pk)
    return pdf_response(document, inline=request.GET.get("inline") == "1")


@require_http_methods(["GET", "POST"])
def document_send(request: ClinicRequest, pk: int) -> HttpResponse:
    """Send a stored document by email (address typed twice) or record it as posted, faxed or handed over."""
    document = document_get(clinic=request.clinic, pk=pk, with_content=False)
    values = {"method": DeliveryMethod.EMAIL.value, "to": "", "confirm": "", "note": ""}
    error = None
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in values}
        try:
            delivery_record(document=document, user=request.user, **values)
        except DomainError as refused:
            error = refused
        else:
            return redirect(document.exam.get_absolute_url() + "#exam-documents")
    context = {"document": document, "values": values, "error": error, "methods": DeliveryMethod.choices}
    return render(request, "reports/document_send.html", context, status=error.status if error else 200)


@require_POST
def delivery_retry_view(request: ClinicRequest, pk: int) -> HttpResponse:
    delivery = delivery_retry(delivery_get(clinic=request.clinic, pk=pk))
    exam = delivery.document.exam
    return _panel(request, exam) if request.htmx else redirect(exam.get_absolute_url() + "#exam-documents")


@require_GET
def safety_net_card(request: ClinicRequest) -> HttpResponse:
    """The cauda equina warning-signs card on its own, on the clinic's letterhead, to print or hand out."""
    response = HttpResponse(card_pdf(request.clinic), content_type="application/pdf")
    response["Content-Disposition"] = _disposition(
        attachment=request.GET.get("inline") != "1", filename="safety-net-card.pdf"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def exam_documents_panel(request: ClinicRequest, exam_id: int) -> HttpResponse:
    """The documents panel alone: what it polls (hx-get every 2 s) while a letter or plan is being prepared."""
    return _panel(request, exam_get(clinic=request.clinic, pk=exam_id))
