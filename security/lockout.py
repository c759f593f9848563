"""What a locked-out caller sees (django-axes calls this), and a lead unlocking one member."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from axes.utils import reset
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from audit.models import Action
from audit.services import event_record

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


def member_unlock(*, member: Any) -> int:
    """Clear the member's failed sign-ins (per account); returns how many attempt records were cleared."""
    cleared = reset(username=member.get_username())
    event_record(Action.UNLOCK, "user", member.pk, detail=f"{cleared} attempt record(s)")
    return cleared


def failures_of(member: Any) -> int:
    """Failed sign-ins still counting against the member (those within the cool-off period)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    attempts = AccessAttempt.objects.filter(username=member.get_username())
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return sum(attempts.values_list("failures_since_start", flat=True))
