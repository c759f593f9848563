"""FHIR endpoints, mounted under /api/v1/ by config/urls.py."""

from django.urls import path

from core.api_fallback import api_not_found
from fhir_export.api import CodeSystemApi, ExamFhirApi

urlpatterns = [
    path("exams/<int:pk>/fhir", ExamFhirApi.as_view(), name="exam-api-fhir"),
    path("fhir/CodeSystem/<slug:code>", CodeSystemApi.as_view(), name="fhir-codesystem"),
    path("fhir/", api_not_found, name="fhir-root"),  # the canonical base; nothing is served at the root itself
]
