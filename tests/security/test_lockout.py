"""Lockout per account and per client address on the sign-in page, the admin and the token endpoint."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _fail(client, url, username="alice", **extra):
    return client.post(url, {"username": username, "password": "wrong"}, **extra)


def test_the_right_password_after_too_many_failures_is_refused(client, clinician, password):
    for _ in range(3):
        _fail(client, reverse("login"))

    response = client.post(reverse("login"), {"username": "alice", "password": password})

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="locked-out").exists()


def test_failures_from_one_address_lock_that_address_for_every_account(client, clinician, colleague, password):
    for name in ("x1", "x2", "x3"):
        _fail(client, reverse("login"), username=name, REMOTE_ADDR="10.9.9.9")

    refused = client.post(reverse("login"), {"username": "bob", "password": password}, REMOTE_ADDR="10.9.9.9")
    elsewhere = client.post(reverse("login"), {"username": "bob", "password": password}, REMOTE_ADDR="10.9.9.8")

    assert (refused.status_code, elsewhere.status_code) == (429, 302)


def test_a_forged_forwarded_for_does_not_reset_the_count(clinician, password):
    api = APIClient()
    for i in range(3):
        api.post(TOKEN, {"username": "alice", "password": "wrong"}, format="json", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}")

    response = api.post(
        TOKEN, {"username": "alice", "password": password}, format="json", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )

    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(client, clinician, settings, password):
    settings.TRUSTED_PROXY_COUNT = 1
    for name in ("x1", "x2", "x3"):
        _fail(client, reverse("login"), username=name, HTTP_X_FORWARDED_FOR="10.0.0.5")

    other_client = client.post(
        reverse("login"), {"username": "alice", "password": password}, HTTP_X_FORWARDED_FOR="10.0.0.6"
    )

    assert other_client.status_code == 302


def test_the_admin_sign_in_is_locked_too(client, django_user_model):
    django_user_model.objects.create_superuser("op", "op@example.org", "operator-pass-2026")
    for _ in range(3):
        _fail(client, reverse("admin:login"), username="op")

    response = client.post(reverse("admin:login"), {"username": "op", "password": "operator-pass-2026"})

    assert response.status_code == 429


def test_a_lead_unlocks_a_member(client, client_lead, clinician, password):
    for _ in range(3):
        _fail(client, reverse("login"), REMOTE_ADDR="10.1.1.1")
    page = client_lead.get(reverse("security:member-security", args=[clinician.pk]))
    assert "3 failed sign-ins" in page.content.decode()

    assert client_lead.post(reverse("security:member-unlock", args=[clinician.pk])).status_code == 302

    response = client.post(reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR="10.1.1.2")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="unlock", object_id=str(clinician.pk)).exists()


def test_unlocking_is_for_leads_of_the_members_clinic(client_clinician, client_lead, colleague, outsider):
    assert client_clinician.post(reverse("security:member-unlock", args=[colleague.pk])).status_code == 403
    assert client_lead.post(reverse("security:member-unlock", args=[outsider.pk])).status_code == 404
