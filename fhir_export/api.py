"""GET an exam as a FHIR R4 Bundle, and a protocol's vocabulary as a CodeSystem (application/fhir+json)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from core.api_fallback import api_not_found
from core.api_inputs import QueryParams, query_params_read
from exams.selectors import exam_get
from fhir_export.bundle import exam_bundle_build
from fhir_export.codesystem import codesystem_build
from fhir_export.outcome import SCHEMA as OUTCOME_SCHEMA
from fhir_export.outcome import operation_outcome
from protocols.registry import ProtocolNotFound, version_current
from reports.knowledge import knowledge_full

FHIR_JSON = "application/fhir+json"


class FhirJsonRenderer(JSONRenderer):
    """FHIR's own JSON media type: the default, and the type of every error (an OperationOutcome)."""

    media_type = FHIR_JSON
    format = "fhir"


def fhir_base(request: Request) -> str:
    """Return the root of canonical URLs: FHIR_CANONICAL_BASE if set, else this server's /api/v1/fhir/."""
    return settings.FHIR_CANONICAL_BASE or request.build_absolute_uri(reverse("fhir-root"))


def _resource_schema(resource_type: str, description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {"resourceType": {"type": "string", "enum": [resource_type]}, "id": {"type": "string"}},
        "required": ["resourceType"],
        "additionalProperties": True,
    }


BUNDLE_SCHEMA = _resource_schema(
    "Bundle",
    "A FHIR R4 Bundle: `document` with a Composition first once the exam is signed, `collection` before. "
    "Holds Patient, Practitioner, Organization, Encounter, one Observation per finding, history item and "
    "red-flag answer, a Condition per differential entry (working diagnosis `provisional`, the rest "
    "`differential`, each with its evidence), a ServiceRequest per referral and a DocumentReference per PDF.",
)
CODESYSTEM_SCHEMA = _resource_schema("CodeSystem", "The protocol's maneuvers, results, red flags, regions, ...")


class FhirApi(APIView):
    renderer_classes = [FhirJsonRenderer, JSONRenderer]
    # Read by config/openapi.py: every error answer is documented as this body, under this media type.
    error_media_type = FHIR_JSON
    error_schema = ("OperationOutcome", OUTCOME_SCHEMA)

    def handle_exception(self, exc: Exception) -> Response:
        """Answer every refusal (400, 401, 403, 404, 405, 429, ...) as an OperationOutcome in FHIR JSON."""
        response: Response = super().handle_exception(exc)
        self.request.accepted_renderer, self.request.accepted_media_type = FhirJsonRenderer(), FHIR_JSON
        response.data = json.loads(operation_outcome(response.status_code, response.data).json())
        return response

    @staticmethod
    def error_response(status: int, data: Any) -> HttpResponse:
        """Answer a refusal made outside any view (the 404 fallback below) as handle_exception does."""
        return HttpResponse(operation_outcome(status, data).json(), status=status, content_type=FHIR_JSON)

    def fhir_response(self, resource: Any) -> Response:
        # The library's own JSON (aliases such as `class`, no empty elements), as it validated it.
        return Response(json.loads(resource.json()))


class ExamFhirApi(FhirApi):
    @extend_schema(
        operation_id="exam_fhir",
        summary="The exam as a FHIR R4 Bundle",
        responses={(200, FHIR_JSON): BUNDLE_SCHEMA, (200, "application/json"): BUNDLE_SCHEMA},
        examples=[
            OpenApiExample(
                "Signed exam (abridged)",
                value={
                    "resourceType": "Bundle",
                    "type": "document",
                    "entry": [{"resource": {"resourceType": "Composition"}}],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)

        def document_url(document_pk: int) -> str:
            return request.build_absolute_uri(reverse("document-api-pdf", args=[document_pk]))

        return self.fhir_response(exam_bundle_build(exam, base=fhir_base(request), document_url=document_url))


@csrf_exempt
@login_not_required
def fhir_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Answer a FHIR-shaped path that names nothing (`exams/abc/fhir`, `fhir/Patient/1`) in FHIR's own error shape.

    The schema documents every error of the FHIR endpoints as an OperationOutcome; a client that mistypes an id
    must get one too, not the rest of the API's `{"detail"}`. The message is the API-wide one.
    """
    return FhirApi.error_response(404, json.loads(api_not_found(request).content))


fhir_not_found.is_api_fallback = True  # type: ignore[attr-defined]  # core.api_fallback: no "did you mean" to it


class CodeSystemQuery(QueryParams):
    version = serializers.RegexField(r"^\d+\.\d+\.\d+$", max_length=20, help_text="A released version, e.g. 1.0.0.")


class CodeSystemApi(FhirApi):
    @extend_schema(
        operation_id="fhir_codesystem",
        summary="The protocol's own CodeSystem (maneuvers, results, red flags, regions, symptoms, conditions)",
        parameters=[CodeSystemQuery],
        responses={(200, FHIR_JSON): CODESYSTEM_SCHEMA, (200, "application/json"): CODESYSTEM_SCHEMA},
    )
    def get(self, request: Request, code: str) -> Response:
        version = query_params_read(request, CodeSystemQuery).get("version")
        try:
            protocol, _, _, words = knowledge_full(code, version or version_current(code))
        except (ProtocolNotFound, LookupError) as exc:
            raise NotFound(f"No released protocol {code} {version or ''}".strip() + ".") from exc
        return self.fhir_response(codesystem_build(protocol, words, base=fhir_base(request)))
