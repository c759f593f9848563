"""REST edge of the documents: generate one for an exam, read its metadata, download its bytes."""

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
from reports.models import DocumentKind, GeneratedDocument
from reports.selectors import document_get
from reports.services import document_generate_outcome
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


class PDFRenderer(BaseRenderer):
    """Let clients ask for application/pdf; the bytes themselves are sent unchanged by the view."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else b""


class DocumentOutputSerializer(serializers.Serializer):
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


class DocumentCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
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
            201: DocumentOutputSerializer,
            200: DocumentOutputSerializer,
            400: OpenApiResponse(description="Exam not completed, unknown kind or recipient."),
        },
        examples=[
            OpenApiExample(
                "Referral letter", value={"kind": "referral_letter", "recipient": "sports_physician"}, request_only=True
            ),
            OpenApiExample("Treatment plan", value={"kind": "treatment_plan"}, request_only=True),
            OpenApiExample("Created", value=METADATA_EXAMPLE, response_only=True, status_codes=["201"]),
            OpenApiExample(
                "Not completed",
                value={"exam": ["Complete the exam before generating a letter or plan."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
        description="Generate a PDF for a completed or signed exam. A signed exam's document is frozen: asking "
        "again for the same exam version, kind and recipient answers 200 with the stored one.",
    )
    def post(self, request: ClinicApiRequest, exam_id: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=exam_id)
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        outcome = document_generate_outcome(
            exam=exam,
            kind=given.validated_data["kind"],
            user=request.user,
            recipient=given.validated_data.get("recipient") or None,
        )
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(DocumentOutputSerializer(outcome.document).data, status=code)


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
