"""The OpenAPI schema documents what the server does: pages, error bodies, nullable formats, strict inputs."""

from __future__ import annotations

import pytest

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(client_clinician, protocol):
    response = client_clinician.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize("path", ["/api/v1/patients/", "/api/v1/exams/"])
def test_lists_are_documented_as_the_pages_they_answer(schema, path):
    operation = schema["paths"][path]["get"]
    page = _resolve(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])

    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert page["properties"]["next"]["nullable"] is True
    assert page["properties"]["results"]["type"] == "array"
    assert {"name": "page", "required": False, "in": "query"}.items() <= operation["parameters"][0].items()


def test_every_error_answer_has_a_json_body_schema(schema):
    for path, method, operation in _operations(schema):
        fhir = "application/fhir+json" in operation["responses"].get("200", {}).get("content", {})
        for code, answer in operation["responses"].items():
            if code.startswith("4"):
                ((media, content),) = answer["content"].items()
                body = content["schema"]
                if fhir:  # a FHIR endpoint's errors are FHIR OperationOutcome resources
                    assert (media, body["$ref"].rsplit("/", 1)[1]) == ("application/fhir+json", "OperationOutcome")
                    continue
                assert media == "application/json", (path, method, code)
                assert body["$ref"].rsplit("/", 1)[1] in {"Error", "ValidationError", "Conflict"}, (path, method, code)


def test_member_operations_document_401_and_403_and_bodies_document_400_and_415(schema):
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        if path != "/api/v1/auth/token":
            assert {"401", "403"} <= codes, (path, method)
        if "requestBody" in operation:
            assert {"400", "415"} <= codes, (path, method)
        if "{" in path:
            assert "404" in codes, (path, method)


def test_answer_writes_document_the_conflict_with_current_value_and_version(schema):
    operation = schema["paths"]["/api/v1/exams/{id}/findings"]["put"]
    body = _resolve(schema, operation["responses"]["409"]["content"]["application/json"]["schema"])

    assert set(body["properties"]) == {"current", "version"}
    assert operation["responses"]["409"]["content"]["application/json"]["examples"]


def test_throttled_token_sign_in_documents_429(schema):
    assert "429" in schema["paths"]["/api/v1/auth/token"]["post"]["responses"]


def test_validation_error_shape_is_drf_s(schema):
    body = schema["components"]["schemas"]["ValidationError"]

    assert body["properties"]["non_field_errors"] == {"type": "array", "items": {"type": "string"}}
    assert body["additionalProperties"]


@pytest.mark.parametrize(
    "component",
    ["PatientInputRequest", "ExamFindingInputRequest", "ExamRedFlagInputRequest", "ExamCompleteInputRequest"],
)
def test_inputs_that_refuse_unknown_keys_say_so(schema, component):
    assert schema["components"]["schemas"][component]["additionalProperties"] is False


def test_patient_email_is_a_nullable_email_in_answers(schema):
    email = schema["components"]["schemas"]["PatientOutput"]["properties"]["email"]

    assert {"type": "string", "format": "email", "nullable": True}.items() <= email.items()
    assert "oneOf" not in email  # an answer never holds "" for no address


def test_protocol_codes_are_enums(schema):
    finding = schema["components"]["schemas"]["ExamFindingInputRequest"]["properties"]["maneuver"]
    codes = _resolve(schema, finding.get("allOf", [finding])[0])["enum"]

    assert "fair" in codes
    assert "sij_thigh_thrust" in codes


def test_assess_request_lists_the_current_release_s_codes_as_enums(schema, protocol):
    from protocols.engine.types import Result, Side
    from protocols.registry import protocol_current

    protocol = protocol_current()
    components = schema["components"]["schemas"]
    body, finding = components["AssessInputRequest"], components["FindingInputRequest"]
    region = components["PainRegionInputRequest"]

    def enum(prop):
        return set(_resolve(schema, prop.get("allOf", [prop])[0])["enum"])

    assert enum(finding["properties"]["maneuver"]) == set(protocol.maneuvers)
    assert enum(finding["properties"]["result"]) == {r.value for r in Result}
    assert enum(region["properties"]["region"]) == set(protocol.regions)
    assert enum(region["properties"]["side"]) == {s.value for s in Side}
    assert enum(body["properties"]["red_flags"]["items"]) == set(protocol.red_flags)
    assert enum(body["properties"]["symptoms"]["items"]) == set(protocol.symptoms)
    assert body["additionalProperties"] is finding["additionalProperties"] is region["additionalProperties"] is False


def test_protocol_list_is_documented_as_a_page(schema):
    operation = schema["paths"]["/api/v1/protocols/"]["get"]
    page = _resolve(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])

    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert [p["name"] for p in operation["parameters"]] == ["page"]


def test_no_query_parameter_is_documented_as_required(schema):
    """Every filter, page and format is optional: the server answers without each, so the schema must say so."""
    required = [
        (path, parameter["name"])
        for path, item in schema["paths"].items()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter.get("required")
    ]

    assert required == []
