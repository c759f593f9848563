"""Sign-in security pages: a lead's view of one member (unlock, revoke tokens) and the user's own tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest, clinic_not_required
from security.access import member_for_lead
from security.lockout import lock_of, member_unlock
from security.sessions import sign_out_everywhere
from security.tokens import live_tokens, tokens_revoke
from security.two_factor import has_two_factor, two_factor_required


@require_GET
def member_security(request: ClinicRequest, pk: int) -> HttpResponse:
    member = member_for_lead(request, pk)
    lock = lock_of(member)
    context = {
        "member": member,
        "lock": lock,
        "failures": lock.failures,
        "limit": settings.AXES_FAILURE_LIMIT,
        "tokens": live_tokens(member),
        "member_has_two_factor": has_two_factor(member),
    }
    return render(request, "security/member_security.html", context)


@require_POST
def member_unlock_view(request: ClinicRequest, pk: int) -> HttpResponse:
    member = member_for_lead(request, pk)
    member_unlock(member=member)
    messages.success(request, f"{member.get_full_name() or member.get_username()} can sign in again.")
    return redirect("security:member-security", pk=member.pk)


@require_POST
def member_tokens_revoke(request: ClinicRequest, pk: int) -> HttpResponse:
    member = member_for_lead(request, pk)
    count = tokens_revoke(live_tokens(member), reason="revoked by a clinic lead")
    messages.success(request, f"Revoked {count} API token{'s' if count != 1 else ''}.")
    return redirect("security:member-security", pk=member.pk)


@clinic_not_required  # one's own sign-in security needs no clinic (an operator's too)
@require_GET
def my_security(request: ClinicRequest) -> HttpResponse:
    context = {
        "tokens": live_tokens(request.user),
        "has_two_factor": has_two_factor(request.user),
        "required": two_factor_required(request.user),
    }
    return render(request, "security/my_security.html", context)


@clinic_not_required
@require_POST
def my_sign_out_everywhere(request: ClinicRequest) -> HttpResponse:
    user = request.user
    logout(request)
    sign_out_everywhere(user=user)
    messages.success(request, "Signed out on every device; every API token was revoked.")
    return redirect("login")
