"""HTML edge of the documents: generate (POST), download the stored bytes, and the exam's documents panel."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams.selectors import exam_get
from reports.models import GeneratedDocument
from reports.selectors import document_get, exam_documents
from reports.services import document_generate


def pdf_response(document: GeneratedDocument, *, inline: bool = False) -> HttpResponse:
    """Answer with the stored bytes unchanged, never cached by a shared proxy."""
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, document.filename)
    response["ETag"] = f'"{document.sha256}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
def document_create(request: ClinicRequest, exam_id: int, kind: str) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=exam_id)
    try:
        document = document_generate(
            exam=exam,
            kind=kind,
            user=request.user,  # type: ignore[arg-type]
            recipient=request.POST.get("recipient") or None,
        )
    except DomainError as error:
        context = {"exam": exam, "error": error}
        return render(request, "reports/document_error.html", context, status=error.status)
    return redirect("reports:document-download", pk=document.pk)


@require_GET
def document_download(request: ClinicRequest, pk: int) -> HttpResponse:
    document = document_get(clinic=request.clinic, pk=pk)
    return pdf_response(document, inline=request.GET.get("inline") == "1")


@require_GET
def exam_documents_panel(request: ClinicRequest, exam_id: int) -> HttpResponse:
    exam = exam_get(clinic=request.clinic, pk=exam_id)
    documents = exam_documents(clinic=request.clinic, exam=exam)
    return render(request, "reports/components/exam_documents.html", {"exam": exam, "documents": documents})
