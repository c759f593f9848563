"""API tokens: one per device, expiring, revoked by the device, by signing out, and by a lead."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from security.models import DeviceToken

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/token"


def _token(api, password, device=None) -> dict:
    data = {"username": "alice", "password": password, **({"device": device} if device else {})}
    response = api.post(URL, data, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _calls(key: str) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get("/api/v1/patients/").status_code


def test_sign_in_keeps_the_token_contract_and_adds_expiry(api_anonymous, clinician, password, settings):
    body = _token(api_anonymous, password, "Tablet 3")

    assert set(body) == {"token", "expires", "device"}
    assert body["device"] == "Tablet 3"
    expires = dt.datetime.fromisoformat(body["expires"].replace("Z", "+00:00"))
    assert abs(expires - timezone.now() - dt.timedelta(hours=settings.API_TOKEN_HOURS)) < dt.timedelta(minutes=1)
    assert _calls(body["token"]) == 200
    stored = DeviceToken.objects.get(user=clinician)
    assert body["token"] not in (stored.digest, stored.prefix)  # only a digest is kept


def test_one_token_per_device_a_new_one_replaces_it(api_anonymous, clinician, password):
    first = _token(api_anonymous, password, "Tablet 3")["token"]
    other_device = _token(api_anonymous, password, "Integration")["token"]
    second = _token(api_anonymous, password, "Tablet 3")["token"]

    assert first != second
    assert (_calls(first), _calls(second), _calls(other_device)) == (401, 200, 200)


def test_a_token_stops_working_when_it_expires(api_anonymous, clinician, password, settings):
    key = _token(api_anonymous, password)["token"]

    with time_machine.travel(timezone.now() + dt.timedelta(hours=settings.API_TOKEN_HOURS, minutes=1)):
        assert _calls(key) == 401


def test_the_device_revokes_its_own_token(api_anonymous, clinician, password):
    key = _token(api_anonymous, password)["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert api.post("/api/v1/auth/token/revoke").status_code == 204
    assert _calls(key) == 401


def test_web_sign_out_revokes_the_token_its_session_asked_for(client, clinician, password):
    client.force_login(clinician)
    session_token = client.post(URL, {"username": "alice", "password": password}, content_type="application/json")
    integration = _token(APIClient(), password, "Integration")["token"]

    client.post(reverse("logout"))

    assert (_calls(session_token.json()["token"]), _calls(integration)) == (401, 200)


def test_sign_out_everywhere_ends_sessions_and_tokens(client, clinician, password):
    other_tablet = APIClient()
    other_tablet.force_login(clinician)
    key = _token(APIClient(), password, "Integration")["token"]
    client.force_login(clinician)

    assert client.post(reverse("security:sign-out-everywhere")).status_code == 302
    assert _calls(key) == 401
    assert other_tablet.get("/api/v1/patients/").status_code in (401, 403)


def test_a_lead_revokes_a_members_tokens_but_not_another_clinics(client_lead, clinician, outsider, password):
    key = _token(APIClient(), password)["token"]

    assert client_lead.post(reverse("security:member-tokens-revoke", args=[clinician.pk])).status_code == 302
    assert _calls(key) == 401
    assert client_lead.post(reverse("security:member-tokens-revoke", args=[outsider.pk])).status_code == 404


def test_a_clinician_may_not_revoke_a_colleagues_tokens(client_clinician, colleague):
    assert client_clinician.post(reverse("security:member-tokens-revoke", args=[colleague.pk])).status_code == 403


def test_bad_password_is_a_400_and_issues_nothing(api_anonymous, clinician):
    response = api_anonymous.post(URL, {"username": "alice", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not DeviceToken.objects.exists()


def test_missing_fields_are_named(api_anonymous):
    response = api_anonymous.post(URL, {}, format="json")

    assert response.status_code == 400
    assert {"username", "password"} <= set(response.json())


def test_unknown_token_is_a_401(api_anonymous):
    api_anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_anonymous.get("/api/v1/patients/").status_code == 401
