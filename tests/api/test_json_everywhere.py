"""Every path under /api/ answers JSON: unknown paths, unknown ids, wrong methods, signed-out callers."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

MISSING_ID = "987654321"
# FHIR endpoints answer FHIR's own JSON media type, errors included (as OperationOutcome resources).
JSON_TYPES = ("application/json", "application/fhir+json")


def _api_routes(patterns=None, prefix: str = "") -> list[str]:
    """Return the route of every URL pattern mounted under api/, with its converters left in."""
    routes: list[str] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += _api_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/") and "(?P" not in route:
            routes.append(route)
    return routes


def _not_found_url(route: str) -> str:
    """Make a URL that answers 404 for this pattern: an id no clinic has, or an unknown tail."""
    if "<" in route:
        return "/" + re.sub(r"<(?:int:|slug:|str:)?\w+>", lambda m: MISSING_ID if "int" in m[0] else "no-such", route)
    return "/" + route.rstrip("/") + "/no-such-thing/"


def _json(response) -> dict:
    assert response["Content-Type"].startswith(JSON_TYPES), response["Content-Type"]
    return response.json()


def _message(body: dict) -> str:
    """Return the error message of DRF's body or of a FHIR OperationOutcome."""
    return body["detail"] if "resourceType" not in body else body["issue"][0]["diagnostics"]


def test_the_api_has_the_routes_this_test_walks():
    routes = _api_routes()

    assert "api/v1/patients/<int:pk>/" in routes
    assert "api/v1/exams/<int:pk>/findings" in routes
    assert len(routes) >= 15


@pytest.mark.parametrize("route", _api_routes())
def test_every_api_route_answers_json_on_404(api_client, protocol, route):
    response = api_client.get(_not_found_url(route))

    assert response.status_code in (404, 405), route
    assert _message(_json(response))


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/exams/1/nope", "/api/v2/patients/", "/api/", "/api/v1/nope%0Amore"]
)
def test_unmatched_api_path_is_a_json_404(api_client, path):
    response = api_client.post(path, {})

    assert response.status_code == 404
    assert _json(response)["detail"].startswith("No API endpoint at")


def test_missing_slash_names_the_endpoint_meant(api_client):
    response = api_client.get("/api/v1/patients")

    assert response.status_code == 404
    assert "Did you mean /api/v1/patients/?" in _json(response)["detail"]


def test_unmatched_api_path_is_json_for_a_signed_out_caller(api_anonymous):
    response = api_anonymous.get("/api/v1/nope")

    assert response.status_code == 404
    assert "detail" in _json(response)


def test_wrong_method_is_a_json_405_naming_the_method(api_client):
    response = api_client.delete("/api/v1/patients/")

    assert response.status_code == 405
    assert _json(response) == {"detail": 'Method "DELETE" not allowed.'}
    assert "GET" in response["Allow"]


def test_signed_out_caller_gets_a_json_401(api_anonymous):
    response = api_anonymous.get("/api/v1/exams/")

    assert response.status_code == 401
    assert "detail" in _json(response)


def test_form_encoded_body_is_a_json_415(api_client):
    response = api_client.post("/api/v1/exams/", "patient=1", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert "detail" in _json(response)


def test_missing_pdf_asked_for_as_pdf_is_still_a_json_404(api_client):
    response = api_client.get("/api/v1/documents/987654321/pdf", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 404
    assert "detail" in _json(response)


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808", "0"])
@pytest.mark.parametrize("route", ["api/v1/exams/<int:pk>/", "api/v1/patients/<int:pk>/", "api/v1/exams/<int:pk>/fhir"])
def test_an_id_past_any_database_s_range_is_a_json_404(api_client, protocol, route, pk):
    response = api_client.get("/" + route.replace("<int:pk>", pk))

    assert response.status_code == 404
    assert _message(_json(response))
