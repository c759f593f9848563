"""FHIR endpoints, mounted under /api/v1/ by config/urls.py."""

from django.urls import path, re_path

from fhir_export.api import CodeSystemApi, ExamFhirApi, fhir_not_found

urlpatterns = [
    path("exams/<int:pk>/fhir", ExamFhirApi.as_view(), name="exam-api-fhir"),
    path("fhir/CodeSystem/<slug:code>", CodeSystemApi.as_view(), name="fhir-codesystem"),
    path("fhir/", fhir_not_found, name="fhir-root"),  # the canonical base; nothing is served at the root itself
    # Any other id or name in a FHIR path: FHIR's 404 (an OperationOutcome), as the schema documents.
    re_path(r"^exams/(?P<rest>[^/]+)/fhir/?$", fhir_not_found),
    re_path(r"^fhir/(?P<rest>(?s:.+))$", fhir_not_found),
]
