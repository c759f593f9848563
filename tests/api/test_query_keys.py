"""A query string the schema does not document is a 400 naming each parameter, for every operation alike."""

from __future__ import annotations

import pytest

from core.api_inputs import EMPTY, REPEATED, UNKNOWN
from core.api_query import documented_query
from tests.factories import ExamFactory


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exams/?pateint=3",
        "/api/v1/patients/?name=Ann",
        "/api/v1/protocols/?pateint=3",
        "/api/v1/audit-events?pateint=3",
        "/api/v1/exams/{exam}/?pateint=3",
        "/api/v1/exams/{exam}/history?pateint=3",
    ],
)
def test_an_undocumented_key_is_a_400_naming_it(api_lead, exam, path):
    response = api_lead.get(path.format(exam=exam.pk))

    assert response.status_code == 400
    name = path.split("?")[1].split("=")[0]
    assert response.json() == {name: [UNKNOWN]}


@pytest.mark.parametrize("path", ["/api/v1/exams/?pateint=3", "/api/v1/fhir/CodeSystem/buttock-pain?colour=red"])
def test_a_signed_out_caller_is_told_to_sign_in_first(api_anonymous, path):
    response = api_anonymous.get(path)

    assert response.status_code == 401
    assert "Unknown parameter" not in response.content.decode()


def test_every_unknown_key_is_named_and_a_documented_one_is_not(api_client):
    response = api_client.get("/api/v1/exams/?status=signed&colour=red&size=9")

    assert response.status_code == 400
    assert response.json() == {"colour": [UNKNOWN], "size": [UNKNOWN]}


@pytest.mark.parametrize(
    ("query", "body"),
    [
        ("page=", {"page": [EMPTY]}),
        ("page=1&page=2", {"page": [REPEATED]}),
        ("format=json", {"format": [UNKNOWN]}),  # documented only where more than JSON is served
    ],
)
def test_page_and_format_are_read_as_strictly_as_filters(api_client, query, body):
    response = api_client.get(f"/api/v1/patients/?{query}")

    assert response.status_code == 400
    assert response.json() == body


def test_documented_keys_are_accepted(api_client, exam):
    assert api_client.get(f"/api/v1/exams/?page=1&patient={exam.patient_id}&status=in_progress").status_code == 200
    assert api_client.get("/api/v1/patients/?page=1&q=a").status_code == 200
    assert api_client.get(f"/api/v1/exams/{exam.pk}/fhir?format=json").status_code == 200


@pytest.mark.parametrize(
    ("path", "diagnostics"),
    [
        ("/api/v1/fhir/CodeSystem/buttock-pain?colour=red", f"colour: {UNKNOWN}"),
        ("/api/v1/fhir/CodeSystem/buttock-pain?format=", f"format: {EMPTY}"),
        ("/api/v1/exams/{exam}/fhir?format=pdf", 'format: "pdf" is not a valid choice.'),
    ],
)
def test_fhir_endpoints_refuse_a_bad_query_as_an_operation_outcome(api_client, exam, path, diagnostics):
    response = api_client.get(path.format(exam=exam.pk))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/fhir+json"
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert [issue["diagnostics"] for issue in body["issue"]] == [diagnostics]
    assert body["issue"][0]["code"] == "invalid"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exams/null,null/fhir",
        "/api/v1/exams/12/fhir/",
        "/api/v1/fhir/CodeSystem/%C3%B7*0",
        "/api/v1/fhir/CodeSystem/9%0AX",  # a newline in the path: the fallback patterns match it too (fuzz)
        "/api/v1/fhir/",
    ],
)
def test_a_fhir_path_naming_nothing_is_a_fhir_404(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/fhir+json"
    issue = response.json()["issue"][0]
    assert issue["code"] == "not-found"
    assert issue["diagnostics"].startswith("No API endpoint at /api/v1/")


def test_a_fhir_path_with_a_stray_slash_names_the_endpoint_meant(api_client):
    response = api_client.get("/api/v1/exams/12/fhir/")

    assert "Did you mean /api/v1/exams/12/fhir?" in response.json()["issue"][0]["diagnostics"]


def test_the_documented_keys_come_from_the_served_schema(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    documented = {p["name"] for p in schema["paths"]["/api/v1/exams/"]["get"]["parameters"] if p["in"] == "query"}

    assert set(documented_query("GET", "/api/v1/exams/") or {}) == documented == {"page", "patient", "status"}
    assert documented_query("HEAD", "/api/v1/exams/") == documented_query("GET", "/api/v1/exams/")
    assert documented_query("GET", "/api/v1/no-such/") is None


@pytest.fixture
def exam(clinician, patient, protocol):
    return ExamFactory(patient=patient, clinician=clinician)


@pytest.fixture
def api_lead(clinic_lead):
    from tests.conftest import _token_client

    return _token_client(clinic_lead)


def test_audit_filters_are_documented_as_the_form_reads_them(api_lead):
    assert api_lead.get("/api/v1/audit-events?since=2026-01-01&until=2026-12-31&action=view").status_code == 200

    response = api_lead.get("/api/v1/audit-events?since=01/02/2026")

    assert response.status_code == 400
    assert list(response.json()) == ["since"]
