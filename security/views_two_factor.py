"""Two-factor pages: set up an authenticator, enter a code after the password, renew recovery codes."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from clinics.access import ClinicRequest
from security.access import member_for_lead
from security.middleware import LAST_SEEN, SIGNED_IN_AT
from security.two_factor import (
    code_check,
    enrolment_confirm,
    has_two_factor,
    pending_authenticator,
    qr_svg,
    recovery_codes_renew,
    secret_text,
    two_factor_required,
    two_factor_reset,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Code",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


def _next(request: ClinicRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: ClinicRequest) -> HttpResponse:
    if not has_two_factor(request.user):
        return redirect("security:two-factor-setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if code_check(request, request.user, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", "That code is not valid. Enter the current code from your app, or a recovery code.")
    status = 400 if form.is_bound else 200
    return render(request, "security/two_factor_verify.html", {"form": form, "next": _next(request)}, status=status)


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: ClinicRequest) -> HttpResponse:
    device = pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = enrolment_confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            return render(request, "security/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "That code is not valid. Check the time on your phone and enter the current code.")
    context = {
        "form": form,
        "qr": qr_svg(device),
        "secret": secret_text(device),
        "required": two_factor_required(request.user),
        "replacing": has_two_factor(request.user),
        "next": _next(request),
    }
    return render(request, "security/two_factor_setup.html", context, status=400 if form.is_bound else 200)


@require_POST
def recovery_codes_view(request: ClinicRequest) -> HttpResponse:
    codes = recovery_codes_renew(request.user)
    return render(request, "security/recovery_codes.html", {"codes": codes, "next": "/account/security/"})


@require_POST
def member_two_factor_reset(request: ClinicRequest, pk: int) -> HttpResponse:
    member = member_for_lead(request, pk)
    two_factor_reset(member=member)
    messages.success(request, "Two-factor sign-in reset: they set it up again at their next sign-in.")
    return redirect("security:member-security", pk=member.pk)


@login_not_required
@require_http_methods(["GET", "POST"])
def session_status(request: ClinicRequest) -> HttpResponse:
    """Seconds left before idle logoff (GET: no activity; POST "stay signed in": counts as activity)."""
    if not request.user.is_authenticated:
        return JsonResponse({"seconds_left": 0})
    now = time.time()
    session = request.session
    idle_left = settings.IDLE_TIMEOUT_MINUTES * 60 - (now - session.get(LAST_SEEN, now))
    absolute_left = settings.SESSION_MAX_HOURS * 3600 - (now - session.get(SIGNED_IN_AT, now))
    return JsonResponse({"seconds_left": max(0, int(min(idle_left, absolute_left)))})
