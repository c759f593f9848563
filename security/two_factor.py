"""Two-factor sign-in on django-otp: a TOTP authenticator app plus ten single-use recovery codes.

django-otp (not allauth's mfa) because the project keeps Django's own sign-in views: django-otp adds devices
and `request.user.is_verified()` to them without replacing the account flow. Required for clinic leads and
site operators, and for everyone in a clinic whose `require_two_factor` is on; anyone may enrol.
"""

from __future__ import annotations

from typing import Any

import segno
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import event_record

RECOVERY_CODES = 10
AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


def two_factor_required(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and (membership.is_lead or membership.clinic.require_two_factor)


def has_two_factor(user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


def pending_authenticator(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one at a time), created on first visit."""
    # django-otp's DeviceManager is an untyped Manager, so name the model its queries return.
    device: TOTPDevice | None = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, title="Scan with your authenticator app"))


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret, in groups of four, for typing into an app that cannot scan."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrolment_confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a first code; returns the new recovery codes, or None if the code is wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(device.user)
    otp_login(request, device)
    event_record(Action.TWO_FACTOR, "user", device.user.pk, request=request, detail="authenticator enrolled")
    return codes


def recovery_codes_renew(user: Any) -> list[str]:
    """Replace the user's recovery codes with fresh ones (shown once; each works once)."""
    static, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY, defaults={"confirmed": True})
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def code_check(request: HttpRequest, user: Any, code: str) -> bool:
    """Verify a code from the app or a recovery code; a wrong one counts as a failed sign-in (lockout)."""
    device = match_token(user, _normalised(code))
    if device is None:
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
        return False
    otp_login(request, device)
    return True


def token_code_check(request: HttpRequest, user: Any, code: str) -> str | None:
    """For the token endpoint: None when fine, else the message for the `otp` field."""
    if has_two_factor(user):
        if not code:
            return "Enter the code from your authenticator app (or a recovery code)."
        if match_token(user, _normalised(code)) is None:
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
            return "That code is not valid; enter the current one from your authenticator app."
        return None
    if two_factor_required(user):
        return "Set up two-factor sign-in in the web app (Security page) before asking for an API token."
    return None


def _normalised(code: str) -> str:
    """Codes as people type them: spaces dropped; recovery codes are lower-case letters and digits."""
    return code.replace(" ", "").strip().lower()


def two_factor_reset(*, member: Any) -> None:
    """A lead clears a member's devices (lost phone); they enrol again at their next sign-in."""
    for device in devices_for_user(member, confirmed=None):
        device.delete()
    event_record(Action.TWO_FACTOR, "user", member.pk, detail="reset by a clinic lead")
