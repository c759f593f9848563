"""POST /api/v1/assess: the contract of assess-api.md, its 400 bodies, its limits, and that it stores nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from protocols.api_assess import MAX_BODY_BYTES, assessment_build
from tests.protocols.engine.cases import PIRIFORMIS, TOO_CLOSE

URL = "/api/v1/assess"


def _post(client, body, **extra):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **extra)


def test_url_is_named_assess():
    assert reverse("protocols:assess") == URL


@pytest.mark.django_db
def test_clinician_gets_the_assessment_in_contract_shape(api_client):
    response = _post(api_client, PIRIFORMIS)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "protocol",
        "urgent_referral",
        "working_diagnosis",
        "differential",
        "clusters",
        "suggested_next",
    }
    assert body["protocol"]["code"] == "buttock-pain"
    assert body["urgent_referral"] is None
    assert body["working_diagnosis"] == "piriformis_syndrome"
    head = body["differential"][0]
    assert head["condition"] == "piriformis_syndrome"
    assert 0 <= head["probability"] <= 1
    assert head["evidence"]
    assert any(
        i.get("maneuver") == "fair" and (i["side"], i["result"]) == ("left", "positive") for i in head["supporting"]
    )
    assert body == assessment_build(PIRIFORMIS)


@pytest.mark.django_db
def test_too_close_to_call_answers_null_with_next_maneuvers(api_client):
    body = _post(api_client, TOO_CLOSE).json()
    assert body["working_diagnosis"] is None
    assert body["suggested_next"]
    assert {"maneuver", "why"} <= set(body["suggested_next"][0])


@pytest.mark.django_db
def test_red_flag_answers_an_emergency_referral(api_client):
    body = _post(api_client, {"red_flags": ["saddle_anaesthesia"], "findings": []}).json()
    assert body["urgent_referral"]["level"] == "emergency"
    assert body["urgent_referral"]["reasons"] == ["saddle_anaesthesia"]
    assert body["working_diagnosis"] == body["differential"][0]["condition"] == "cauda_equina_syndrome"


@pytest.mark.django_db
def test_session_authenticated_browser_may_assess(client_clinician):
    assert _post(client_clinician, {"findings": []}).status_code == 200


@pytest.mark.django_db
def test_clinician_of_another_clinic_may_assess_because_no_record_is_involved(api_outsider):
    assert _post(api_outsider, {"findings": []}).status_code == 200


@pytest.mark.django_db
def test_anonymous_gets_401(api_anonymous):
    response = _post(api_anonymous, PIRIFORMIS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_bad_input_names_each_field_in_drf_shape(api_client):
    body = {
        "findings": [{"maneuver": "sij_distraction", "result": "negative"}, {"maneuver": "fair", "result": "positive"}],
        "colour": "blue",
    }
    response = _post(api_client, body)
    assert response.status_code == 400
    assert response.json() == {
        "findings": [{}, {"side": ["fair is sided: give left or right."]}],
        "colour": ["Unknown key."],
    }


@pytest.mark.django_db
def test_unknown_codes_and_values_are_each_reported(api_client):
    body = {
        "affected_side": "middle",
        "red_flags": ["tired"],
        "symptoms": ["itchy"],
        "pain_regions": [{"region": "elbow", "side": "left"}],
        "findings": [
            {"maneuver": "tickle", "result": "positive"},
            {"maneuver": "slump", "side": "left", "result": "sore"},
        ],
    }
    errors = _post(api_client, body).json()
    assert set(errors) == {"affected_side", "red_flags", "symptoms", "pain_regions", "findings"}
    assert "tickle" in errors["findings"][0]["maneuver"][0]
    assert errors["findings"][1] == {"result": ["Must be one of positive, negative, equivocal, not_tested."]}
    assert errors["pain_regions"] == [{"region": ["Unknown pain region 'elbow'."]}]


@pytest.mark.django_db
def test_missing_findings_is_required(api_client):
    assert _post(api_client, {}).json() == {"findings": ["This field is required."]}


@pytest.mark.django_db
def test_more_findings_than_the_protocol_holds_is_a_400(api_client):
    finding = {"maneuver": "fair", "side": "left", "result": "negative"}
    response = _post(api_client, {"findings": [finding] * 200})
    assert response.status_code == 400
    assert response.json()["findings"][0].startswith("Too many findings")


@pytest.mark.django_db
def test_oversize_body_is_a_400_not_a_500(api_client):
    padding = "x" * (MAX_BODY_BYTES + 10)
    response = _post(api_client, {"findings": [], "colour": padding})
    assert response.status_code == 400
    assert "too large" in response.json()["findings"][0]


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_not_a_500(api_client):
    response = api_client.post(URL, data="[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_nested_value_where_a_code_belongs_is_named_not_echoed(api_client):
    nested = "[" * 900 + "]" * 900
    text = '{"findings": [{"maneuver": ' + nested + ', "result": "positive"}], "symptoms": [' + nested + "]}"
    response = api_client.post(URL, data=text, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["findings"][0]["maneuver"] == ["Unknown maneuver code a list."]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["{", "NaN", '{"findings": [}'])
def test_malformed_json_is_a_400(api_client, text):
    assert api_client.post(URL, data=text, content_type="application/json").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("body", [[], "findings", None])
def test_body_that_is_not_an_object_is_a_400(api_client, body):
    response = _post(api_client, body)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Expected a JSON object."]}


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_refused(api_client, content_type):
    response = api_client.post(URL, data="findings=1", content_type=content_type)
    assert response.status_code == 415


@pytest.mark.django_db
def test_get_is_not_allowed(api_client):
    assert api_client.get(URL).status_code == 405


@pytest.mark.django_db
def test_assessing_stores_nothing(api_client, django_assert_num_queries):
    _post(api_client, PIRIFORMIS)  # warm the protocol cache
    # 1 token and its user, 1 clinic membership, 2 current protocol version (versions, then its digest)
    with django_assert_num_queries(4) as captured:
        assert _post(api_client, PIRIFORMIS).status_code == 200
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in captured.captured_queries), [
        q["sql"] for q in captured.captured_queries
    ]


@pytest.mark.django_db
def test_schema_documents_the_endpoint_with_examples(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/assess"]["post"]
    assert "400" in operation["responses"]
    request_examples = operation["requestBody"]["content"]["application/json"]["examples"]
    assert request_examples
    assert operation["responses"]["200"]["content"]["application/json"]["examples"]
