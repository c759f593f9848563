"""REST edge of the documents: ask for one (queued), follow its job until ready, read its metadata, download it.

Rendering happens in the task worker (reports/jobs.py queues, reports/rendering.py runs), never in the request:
POST answers 202 with the job's status URL in Location; the job says queued, ready (with the document and its PDF
link) or failed (with why).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from core.api_fallback import JsonErrorsMixin
from exams.selectors import exam_get
from reports.jobs import document_request, job_retry
from reports.models import DocumentJob, DocumentKind, GeneratedDocument, JobStatus
from reports.selectors import document_get, job_get
from reports.views import pdf_response

METADATA_EXAMPLE = {
    "id": 12,
    "exam": 7,
    "kind": "referral_letter",
    "number": 2,
    "recipient": "sports_physician",
    "exam_version": 14,
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "size": 48213,
    "generated_at": "2026-11-22T10:15:00Z",
    "generated_by": "alice",
    "download_url": "/api/v1/documents/12/pdf",
}


JOB_EXAMPLE = {
    "id": 31,
    "exam": 7,
    "kind": "referral_letter",
    "recipient": "sports_physician",
    "status": "ready",
    "error": "",
    "requested_at": "2026-11-22T10:14:59Z",
    "finished_at": "2026-11-22T10:15:00Z",
    "status_url": "/api/v1/document-jobs/31",
    "retry_url": None,
    "document": METADATA_EXAMPLE,
    "download_url": "/api/v1/documents/12/pdf",
}
QUEUED_EXAMPLE = {
    **JOB_EXAMPLE,
    "status": "queued",
    "recipient": "",
    "finished_at": None,
    "document": None,
    "download_url": None,
}
POLL_SECONDS = "2"  # Retry-After while queued: a letter renders in well under a second once the worker has it


class PDFRenderer(BaseRenderer):
    """Let clients ask for application/pdf; the bytes themselves are sent unchanged by the view."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else b""


class DocumentOutputSerializer(serializers.Serializer[GeneratedDocument]):
    id = serializers.IntegerField()
    exam = serializers.IntegerField(source="exam_id")
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    number = serializers.IntegerField()
    recipient = serializers.CharField(help_text="Referral target code; empty for a treatment plan.")
    exam_version = serializers.IntegerField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    generated_at = serializers.DateTimeField()
    generated_by = serializers.CharField(source="generated_by.username")
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, document: GeneratedDocument) -> str:
        return reverse("document-api-pdf", args=[document.pk])


class DocumentJobSerializer(serializers.Serializer[DocumentJob]):
    id = serializers.IntegerField()
    exam = serializers.IntegerField(source="exam_id")
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    recipient = serializers.CharField(help_text="Referral target asked for; empty: the rules choose (or a plan).")
    status = serializers.SerializerMethodField(help_text="queued (waiting or being rendered), ready or failed.")
    error = serializers.CharField(help_text="Why it failed, in words; empty otherwise.")
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    status_url = serializers.SerializerMethodField()
    retry_url = serializers.SerializerMethodField(help_text="POST here to queue it again; set once failed.")
    document = DocumentOutputSerializer(allow_null=True, help_text="The stored document once ready.")
    download_url = serializers.SerializerMethodField(help_text="The PDF once ready; null before.")

    def get_status(self, job: DocumentJob) -> str:
        return job_status(job)

    def get_status_url(self, job: DocumentJob) -> str:
        return reverse("document-job-api-detail", args=[job.pk])

    def get_retry_url(self, job: DocumentJob) -> str | None:
        retryable = job.status == JobStatus.FAILED or job.stale
        return reverse("document-job-api-retry", args=[job.pk]) if retryable else None

    def get_download_url(self, job: DocumentJob) -> str | None:
        ready = job.status == JobStatus.READY and job.document_id is not None
        return reverse("document-api-pdf", args=[job.document_id]) if ready else None


def job_status(job: DocumentJob) -> str:
    """The three states a client acts on: running is still "queued" to it (nothing to fetch yet)."""
    return "queued" if job.pending else str(job.status)


def _job_response(job: DocumentJob, code: int, **headers: str) -> Response:
    if job.pending:
        headers["Retry-After"] = POLL_SECONDS
    return Response(DocumentJobSerializer(job).data, status=code, headers=headers)


class DocumentCreateApi(APIView):
    class InputSerializer(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=DocumentKind.choices)
        recipient = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=50,
            help_text="Referral target code (letters); default per the red-flag and diagnosis rules.",
        )

    @extend_schema(
        operation_id="exam_document_create",
        request=InputSerializer,
        responses={
            202: OpenApiResponse(
                DocumentJobSerializer,
                description="Queued: poll the job at the Location header (also `status_url`) until it is ready.",
            ),
            400: OpenApiResponse(description="Exam not completed, unknown kind or recipient."),
        },
        examples=[
            OpenApiExample(
                "Referral letter", value={"kind": "referral_letter", "recipient": "sports_physician"}, request_only=True
            ),
            OpenApiExample("Treatment plan", value={"kind": "treatment_plan"}, request_only=True),
            OpenApiExample("Queued", value=QUEUED_EXAMPLE, response_only=True, status_codes=["202"]),
            OpenApiExample(
                "Not completed",
                value={"exam": ["Complete the exam before generating a letter or plan."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
        description="Ask for a PDF of a completed or signed exam. The request is checked at once (a 400 names the "
        "field at fault) and queued; the task worker renders and stores it. Answers 202 with the job and its "
        "status URL in `Location`. A signed exam's document is frozen: asking again for the same exam version, "
        "kind and recipient makes a job that is ready with the stored document.",
    )
    def post(self, request: ClinicApiRequest, exam_id: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=exam_id)
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        job = document_request(
            exam=exam,
            kind=given.validated_data["kind"],
            user=request.user,
            recipient=given.validated_data.get("recipient") or None,
        )
        location = reverse("document-job-api-detail", args=[job.pk])
        return _job_response(job, status.HTTP_202_ACCEPTED, Location=location)


class DocumentJobApi(APIView):
    @extend_schema(
        operation_id="document_job_get",
        responses={200: DocumentJobSerializer},
        examples=[
            OpenApiExample("Queued", value=QUEUED_EXAMPLE, response_only=True),
            OpenApiExample("Ready", value=JOB_EXAMPLE, response_only=True),
            OpenApiExample(
                "Failed",
                value={
                    **QUEUED_EXAMPLE,
                    "status": "failed",
                    "error": "Complete the exam before generating a letter or plan.",
                    "retry_url": "/api/v1/document-jobs/31/retry",
                },
                response_only=True,
            ),
        ],
        description="The state of a document request: `queued` (with Retry-After), `ready` (with the document "
        "and `download_url`) or `failed` (with `error`; POST to its retry URL).",
    )
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        return _job_response(job_get(clinic=request.clinic, pk=pk), status.HTTP_200_OK)


class DocumentJobRetryApi(APIView):
    @extend_schema(
        operation_id="document_job_retry",
        request=None,
        responses={
            202: OpenApiResponse(DocumentJobSerializer, description="Queued again; poll `status_url`."),
            200: OpenApiResponse(DocumentJobSerializer, description="Ready or still in hand: left as it was."),
        },
        examples=[OpenApiExample("Queued again", value=QUEUED_EXAMPLE, response_only=True, status_codes=["202"])],
        description="Queue a failed job again (or one left pending by a worker that died); a job that is ready or "
        "still being prepared is returned unchanged with 200.",
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        job = job_get(clinic=request.clinic, pk=pk)
        again = job.status == JobStatus.FAILED or job.stale
        job = job_get(clinic=request.clinic, pk=job_retry(job).pk)
        return _job_response(job, status.HTTP_202_ACCEPTED if again else status.HTTP_200_OK)


class DocumentDetailApi(APIView):
    @extend_schema(
        operation_id="document_get",
        responses={200: DocumentOutputSerializer},
        examples=[OpenApiExample("Document", value=METADATA_EXAMPLE, response_only=True)],
    )
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        document = document_get(clinic=request.clinic, pk=pk, with_content=False)
        return Response(DocumentOutputSerializer(document).data)


class DocumentPdfApi(JsonErrorsMixin, APIView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(
        operation_id="document_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The stored PDF.")},
    )
    def get(self, request: ClinicApiRequest, pk: int) -> HttpResponse:
        document = document_get(clinic=request.clinic, pk=pk)
        return pdf_response(document)
