"""GET /api/v1/fhir/CodeSystem/{protocol_code}: the protocol's own vocabulary as a valid R4 CodeSystem."""

from __future__ import annotations

import pytest
from fhir.resources.codesystem import CodeSystem
from fhir.resources.operationoutcome import OperationOutcome

from fhir_export.codesystem import codesystem_build
from protocols.registry import protocol_current, releases_list
from reports.knowledge import knowledge_full


def _release_words(code, version):
    protocol, _, _, words = knowledge_full(code, version)
    return protocol, words


def _children(body, group):
    parent = next(c for c in body["concept"] if c["code"] == group)
    return {c["code"]: c for c in parent["concept"]}


def test_codesystem_holds_every_maneuver_result_and_condition(api_client, protocol):
    protocol = protocol_current()  # the CodeSystem publishes the current release's vocabulary (1.1.0)
    response = api_client.get("/api/v1/fhir/CodeSystem/buttock-pain")

    assert response.status_code == 200
    body = response.json()
    CodeSystem.parse_obj(body)
    assert body["url"] == "http://testserver/api/v1/fhir/CodeSystem/buttock-pain"
    assert body["content"] == "complete"
    assert set(_children(body, "maneuver")) == set(protocol.maneuvers)
    assert set(_children(body, "result")) == {"positive", "negative", "equivocal", "not_tested"}
    assert set(_children(body, "condition")) == set(protocol.conditions)
    assert _children(body, "maneuver")["fair"]["display"] == protocol.maneuvers["fair"].name


def test_bundle_codings_point_at_the_published_codesystem(api_client, protocol, patient, clinician):
    from tests.reports.scenarios import exam_answered

    exam = exam_answered(patient, clinician, findings=[("fair", "positive", True)])
    bundle = api_client.get(f"/api/v1/exams/{exam.pk}/fhir").json()
    system = api_client.get("/api/v1/fhir/CodeSystem/buttock-pain").json()["url"]

    finding = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")
    assert finding["code"]["coding"][0]["system"] == system


@pytest.mark.parametrize(
    ("query", "status"), [("?version=1.0.0", 200), ("?version=9.9.9", 404), ("?version=abc", 400), ("?version=", 400)]
)
def test_codesystem_version_filter(api_client, protocol, query, status):
    assert api_client.get(f"/api/v1/fhir/CodeSystem/buttock-pain{query}").status_code == status


def test_bad_version_is_an_operation_outcome_naming_it(api_client, protocol):
    response = api_client.get("/api/v1/fhir/CodeSystem/buttock-pain?version=abc")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/fhir+json")
    (issue,) = OperationOutcome.parse_obj(response.json()).issue
    assert (issue.severity, issue.code) == ("error", "invalid")
    assert issue.diagnostics.startswith("version: ")


def test_unknown_protocol_is_a_404_operation_outcome(api_client, protocol):
    response = api_client.get("/api/v1/fhir/CodeSystem/knee-pain")

    assert response.status_code == 404
    (issue,) = OperationOutcome.parse_obj(response.json()).issue
    assert issue.code == "not-found"
    assert "knee-pain" in issue.diagnostics


def test_codesystem_holds_the_history_items(api_client, protocol):
    body = api_client.get("/api/v1/fhir/CodeSystem/buttock-pain").json()

    items = _children(body, "history_item")
    assert {"age", "duration_weeks", "onset", "pain_now", "medication"} <= set(items)
    assert set(_children(body, "onset_kind")) == {"sudden", "gradual"}


def test_every_release_builds_without_a_code_used_twice(protocol):
    for row in releases_list():
        codesystem_build(*_release_words(row["code"], row["version"]), base="https://example.org/fhir/")
