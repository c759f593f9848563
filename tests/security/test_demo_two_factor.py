"""`make run`'s demo two-factor: known authenticators for the demo lead and operator, development only."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinics.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_lead_gets_a_known_authenticator_and_its_code_is_printed(settings, clinic):
    settings.DEBUG = True
    lead = UserFactory(username="lead")
    MembershipFactory(user=lead, clinic=clinic, role=Role.CLINIC_LEAD)
    out = StringIO()

    call_command("demo_two_factor", stdout=out)
    call_command("demo_two_factor", stdout=StringIO())  # again: nothing duplicated

    device = TOTPDevice.objects.get(user=lead)
    assert device.confirmed
    code = StringIO()
    call_command("demo_two_factor", code="lead", stdout=code)
    assert code.getvalue().strip() == f"{totp(device.bin_key):06d}"
    assert "lead" in out.getvalue()


def test_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_two_factor", stdout=StringIO())
