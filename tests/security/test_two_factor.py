"""Two-factor: enrolment with recovery codes, the code step after the password, who must have it, the API."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from clinics.models import Clinic

pytestmark = pytest.mark.django_db
PATIENTS = "/patients/"


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(client, user) -> list[str]:
    client.get(reverse("security:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("security:two-factor-setup"), {"code": _code(device)})
    assert response.status_code == 200
    return response.context["codes"]


def test_a_lead_must_set_up_two_factor_before_anything_else(client, clinic_lead, password):
    _sign_in(client, "carol", password)

    response = client.get(PATIENTS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two-factor-setup"))
    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()


def test_enrolment_gives_ten_recovery_codes_and_opens_the_app(client, clinic_lead, password):
    _sign_in(client, "carol", password)

    codes = _enrol(client, clinic_lead)

    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(PATIENTS).status_code == 200


def test_next_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, clinic_lead, password):
    _sign_in(client, "carol", password)
    _enrol(client, clinic_lead)
    client.post(reverse("logout"))

    _sign_in(client, "carol", password)
    assert client.get(PATIENTS)["Location"].startswith(reverse("security:two-factor-verify"))
    wrong = client.post(reverse("security:two-factor-verify"), {"code": "000000"})
    assert wrong.status_code == 400
    device = TOTPDevice.objects.get(user=clinic_lead, confirmed=True)
    device.refresh_from_db()
    device.last_t = -1  # the enrolment code of this very time step was used already
    device.save()
    device.throttle_reset()  # django-otp delays the next try after a wrong code (1 s, doubling)
    ok = client.post(reverse("security:two-factor-verify"), {"code": _code(device), "next": PATIENTS})
    assert ok["Location"] == PATIENTS
    assert client.get(PATIENTS).status_code == 200


def test_a_recovery_code_works_once(client, clinic_lead, password):
    _sign_in(client, "carol", password)
    code = _enrol(client, clinic_lead)[0]
    for attempt in range(2):
        client.post(reverse("logout"))
        _sign_in(client, "carol", password)
        response = client.post(reverse("security:two-factor-verify"), {"code": code.upper()})
        assert response.status_code == (302 if attempt == 0 else 400)


def test_clinicians_may_skip_it_unless_their_clinic_requires_it(client, clinician, password):
    _sign_in(client, "alice", password)
    assert client.get(PATIENTS).status_code == 200

    Clinic.objects.filter(pk=clinician.membership.clinic_id).update(require_two_factor=True)

    # Signed-in sessions notice within a minute (the clearance is re-checked once a minute, not every tap).
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert client.get(PATIENTS)["Location"].startswith(reverse("security:two-factor-setup"))


def test_site_operators_need_it_for_the_admin(client, django_user_model):
    django_user_model.objects.create_superuser("op", "op@example.org", "operator-pass-2026")
    client.post(reverse("admin:login"), {"username": "op", "password": "operator-pass-2026"})

    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("security:two-factor-setup"))


def test_the_session_api_answers_403_json_until_verified(client, clinic_lead, password):
    _sign_in(client, "carol", password)

    response = client.get("/api/v1/patients/")

    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


def test_the_token_endpoint_asks_for_the_code(clinic_lead, password):
    api = APIClient()
    url = "/api/v1/auth/token"
    missing = api.post(url, {"username": "carol", "password": password}, format="json")
    assert missing.status_code == 400
    assert "otp" in missing.json()

    device = TOTPDevice.objects.create(user=clinic_lead, name="phone", confirmed=True)
    with_code = api.post(url, {"username": "carol", "password": password, "otp": _code(device)}, format="json")
    assert with_code.status_code == 200
    assert "token" in with_code.json()


def test_a_lead_resets_a_members_two_factor(client_lead, clinician):
    TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)

    response = client_lead.post(reverse("security:member-two-factor-reset", args=[clinician.pk]))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clinician).exists()
