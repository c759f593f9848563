"""A signed-in user without a clinic is refused by every page and endpoint, before any view runs.

The rule lives in ClinicMiddleware (HTML) and IsClinicMember (API); this walks the whole URL map, so a page added
later is covered without a new test. Sign-out and the operator's admin stay open (they need no clinic).
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from clinics.access import NO_CLINIC_MESSAGE

# Open to any signed-in user: the token exchange and revocation, and the API's own description.
API_WITHOUT_CLINIC = {"auth-token", "auth-token-revoke", "schema", "api-docs"}


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple[str, str, object]]:
    found: list[tuple[str, str, object]] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":  # the site operator's, across every clinic
                found += _routes(entry.url_patterns, route)
        else:
            found.append((route, entry.name or "", entry.callback))
    return found


def _path(route: str) -> str:
    """A concrete path for a route: every <converter:name> becomes 1 (or "x" for a slug)."""
    route = re.sub(r"<slug:\w+>", "x", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    return "/" + route.lstrip("^").rstrip("$")


def _needs_clinic(name: str, view: object) -> bool:
    if hasattr(view, "cls"):  # DRF marks every API view login_not_required: it authenticates by itself
        return name not in API_WITHOUT_CLINIC
    return getattr(view, "login_required", True) and getattr(view, "clinic_required", True)


ROUTES = [(_path(r), hasattr(v, "cls")) for r, n, v in _routes(get_resolver().url_patterns) if _needs_clinic(n, v)]


@pytest.fixture
def drifter(django_user_model):
    return django_user_model.objects.create_user("drifter", password="x-long-password-1")


def test_the_walk_sees_pages_and_endpoints_of_every_app():
    paths = {path for path, _ in ROUTES}
    for prefix in ("/patients/", "/exams/", "/reports/", "/api/v1/patients/", "/api/v1/exams/", "/api/v1/documents/"):
        assert any(path.startswith(prefix) for path in paths), prefix


def _refusal_words(body: dict) -> str:
    """FHIR endpoints refuse with an OperationOutcome, the rest of the API with DRF's {"detail"}."""
    if body.get("resourceType") == "OperationOutcome":
        (issue,) = body["issue"]
        assert (issue["severity"], issue["code"]) == ("error", "forbidden")
        return issue["diagnostics"]
    assert set(body) == {"detail"}
    return body["detail"]


@pytest.mark.parametrize(("path", "is_api"), ROUTES, ids=[path for path, _ in ROUTES])
def test_user_without_a_clinic_is_refused_everywhere(client, drifter, path, is_api):
    client.force_login(drifter)

    response = client.get(path)

    assert response.status_code == 403
    if is_api:
        assert _refusal_words(response.json()) == NO_CLINIC_MESSAGE
    else:
        assert NO_CLINIC_MESSAGE in response.text


def test_token_user_without_a_clinic_gets_the_same_json_refusal(drifter):
    api = APIClient()
    api.force_authenticate(drifter)

    response = api.get("/api/v1/patients/")

    assert response.status_code == 403
    assert response.json() == {"detail": NO_CLINIC_MESSAGE}


def test_user_without_a_clinic_can_still_sign_out(client, drifter):
    client.force_login(drifter)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
