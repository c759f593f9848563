"""The team page marks a locked-out or two-factor-locked member and links the lead to unlock them (audited)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TEAM = reverse("clinics:member-list")
PATIENTS = "/patients/"


def _code(device: TOTPDevice, shift: int = 0) -> str:
    return f"{(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits) + shift) % 10**6:06d}"


def _security_link(user) -> str:
    return f'href="{reverse("security:member-security", args=[user.pk])}"'


def _wrong_codes(client: Client, device: TOTPDevice, count: int) -> None:
    """Enter `count` wrong codes, each after django-otp's wait (1 s, doubling) so every one is really tried."""
    at = timezone.now()
    for n in range(count):
        at += dt.timedelta(seconds=2**n + 1)
        with time_machine.travel(at, tick=False):
            response = client.post(reverse("security:two-factor-verify"), {"code": _code(device, shift=1)})
            assert response.status_code == 400


def test_a_password_locked_member_gets_an_unlock_link_on_the_team_page(
    client, client_lead, clinic_lead, clinician, password
):
    for _ in range(10):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")

    page = client_lead.get(TEAM).content.decode()

    assert "Locked out: too many failed sign-ins" in page
    assert _security_link(clinician) in page
    assert page.count("Unlock ") == 1  # only the locked member
    security = client_lead.get(reverse("security:member-security", args=[clinician.pk])).content.decode()
    assert "Locked out: too many failed sign-ins" in security

    assert client_lead.post(reverse("security:member-unlock", args=[clinician.pk])).status_code == 302

    assert _security_link(clinician) not in client_lead.get(TEAM).content.decode()
    signed_in = client.post(reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR="10.1.1.2")
    assert signed_in.status_code == 302
    event = AuditEvent.objects.get(action="unlock", object_id=str(clinician.pk))
    assert (event.user_id, event.clinic_id) == (clinic_lead.pk, clinician.membership.clinic_id)


def test_a_two_factor_locked_member_is_marked_and_unlocked(client, client_lead, clinician, password):
    device = TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)
    client.post(reverse("login"), {"username": "alice", "password": password})
    _wrong_codes(client, device, 7)  # the next try must wait 64 s, and the wait keeps doubling

    page = client_lead.get(TEAM).content.decode()
    assert "Two-factor locked: too many wrong codes" in page
    assert _security_link(clinician) in page
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    refused = client.post(reverse("security:two-factor-verify"), {"code": _code(device)})
    assert refused.status_code == 400  # even the right code, while django-otp makes them wait

    client_lead.post(reverse("security:member-unlock", args=[clinician.pk]))

    assert "Two-factor locked" not in client_lead.get(TEAM).content.decode()
    accepted = client.post(reverse("security:two-factor-verify"), {"code": _code(device), "next": PATIENTS})
    assert accepted["Location"] == PATIENTS
    event = AuditEvent.objects.get(action="unlock", object_id=str(clinician.pk))
    assert "1 two-factor device(s)" in event.detail


def test_a_few_wrong_codes_do_not_mark_the_member(client, client_lead, clinician, password):
    device = TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)
    client.post(reverse("login"), {"username": "alice", "password": password})
    _wrong_codes(client, device, 2)

    assert _security_link(clinician) not in client_lead.get(TEAM).content.decode()


def test_the_unlock_link_is_for_the_lead_of_the_members_clinic(client, client_clinician, client_lead, outsider):
    for _ in range(10):
        client.post(reverse("login"), {"username": outsider.username, "password": "wrong"}, REMOTE_ADDR="10.1.1.3")

    assert _security_link(outsider) not in client_lead.get(TEAM).content.decode()
    assert client_lead.get(reverse("security:member-security", args=[outsider.pk])).status_code == 404
    assert client_lead.post(reverse("security:member-unlock", args=[outsider.pk])).status_code == 404
    assert client_clinician.get(TEAM).status_code == 403
    assert not AuditEvent.objects.filter(action="unlock").exists()


def test_the_team_page_reads_every_lock_at_once(client_lead, clinic, django_assert_max_num_queries):
    from tests.factories import MembershipFactory

    client_lead.get(TEAM)
    with django_assert_max_num_queries(20) as few:
        client_lead.get(TEAM)
    MembershipFactory.create_batch(5, clinic=clinic)
    with django_assert_max_num_queries(20) as many:
        client_lead.get(TEAM)

    assert len(many.captured_queries) == len(few.captured_queries)
