"""What a locked-out caller sees (django-axes calls this), and a lead unlocking one member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import event_record

# django-otp waits 1 s after a wrong code and doubles it each time; from a one-minute wait on, the member is locked.
TWO_FACTOR_LOCK = dt.timedelta(minutes=1)
MESSAGE = "Too many failed sign-ins. Try again later, or ask your clinic lead to unlock your account."


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    username = str((credentials or {}).get("username", ""))[:150]
    event_record(Action.LOCKED_OUT, request=request, username=username)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE, "code": "locked_out"}, status=429)
    else:
        response = render(request, "security/locked_out.html", {"minutes": minutes}, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


@dataclass(frozen=True, slots=True)
class SignInLock:
    """Why a member cannot sign in now: too many failed passwords or codes (axes), or a throttled second factor.

    A wrong two-factor code counts as a failed sign-in (security.two_factor.code_check), and django-otp also makes
    the device wait longer after each wrong code (1 s, doubling), so a member can be locked either way.
    """

    failures: int
    two_factor_until: dt.datetime | None = None

    @property
    def locked(self) -> bool:
        return self.failures >= settings.AXES_FAILURE_LIMIT or self.two_factor_until is not None

    @property
    def reason(self) -> str:
        if self.failures >= settings.AXES_FAILURE_LIMIT:
            return "Locked out: too many failed sign-ins"
        return "Two-factor locked: too many wrong codes" if self.two_factor_until else ""


def _counting(usernames: Iterable[str]) -> Any:
    attempts = AccessAttempt.objects.filter(username__in=list(usernames))
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts


def _throttled(users: list[Any]) -> dict[int, dt.datetime]:
    """When each user's devices accept a code again (the latest), for those made to wait a minute or more."""
    until: dict[int, dt.datetime] = {}
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user__in=users, confirmed=True, throttling_failure_count__gt=0):
            allowed, why = device.verify_is_allowed()
            wait = why.get("locked_until") if not allowed and why else None
            if wait and wait - device.throttling_failure_timestamp >= TWO_FACTOR_LOCK:
                until[device.user_id] = max(wait, until.get(device.user_id, wait))
    return until


def sign_in_locks(users: Iterable[Any]) -> dict[int, SignInLock]:
    """Return, per user id, the lock of each member who cannot sign in now; three queries for a whole team."""
    users = list(users)
    failures: dict[str, int] = {}
    for username, count in _counting(u.get_username() for u in users).values_list("username", "failures_since_start"):
        failures[username] = failures.get(username, 0) + count
    throttled = _throttled(users)
    locks = {u.pk: SignInLock(failures.get(u.get_username(), 0), throttled.get(u.pk)) for u in users}
    return {pk: lock for pk, lock in locks.items() if lock.locked}


def member_unlock(*, member: Any) -> int:
    """Clear the member's failed sign-ins (per account) and their devices' code throttling; both audited."""
    cleared = reset(username=member.get_username())
    devices = 0
    for model in (TOTPDevice, StaticDevice):
        devices += model.objects.filter(user=member, throttling_failure_count__gt=0).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
    event_record(
        Action.UNLOCK, "user", member.pk, detail=f"{cleared} attempt record(s), {devices} two-factor device(s)"
    )
    return cleared + devices


def failures_of(member: Any) -> int:
    """Failed sign-ins still counting against the member (those within the cool-off period)."""
    return sum(_counting([member.get_username()]).values_list("failures_since_start", flat=True))


def lock_of(member: Any) -> SignInLock:
    """The member's sign-in state, locked or not."""
    return SignInLock(failures_of(member), _throttled([member]).get(member.pk))
