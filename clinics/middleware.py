"""Attach the signed-in user's clinic to every request, and refuse one without a clinic before any view runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url

from clinics.access import NO_CLINIC_MESSAGE, membership_for


class ClinicMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = membership_for(request.user)
        request.membership = membership  # type: ignore[attr-defined]
        request.clinic = membership.clinic if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if request.clinic is not None or not request.user.is_authenticated:  # type: ignore[attr-defined]
            return None  # a member, or anonymous (LoginRequiredMiddleware already sent them to sign in)
        if not clinic_required_for(request, view):
            return None
        context = {"message": NO_CLINIC_MESSAGE}
        return render(request, "clinics/no_clinic.html", context, status=403)


def clinic_required_for(request: HttpRequest, view: Callable[..., Any]) -> bool:
    """Whether this view needs a clinic; the API's own permission answers for DRF views, in its JSON shape."""
    if not getattr(view, "login_required", True) or not getattr(view, "clinic_required", True):
        return False
    match = request.resolver_match
    is_admin = match is not None and match.app_name == "admin"  # the site operator's, across every clinic
    return not (is_admin or hasattr(view, "cls"))


class HtmxLoginRedirectMiddleware:
    """Send an htmx request whose session expired to the login page, instead of swapping it into a fragment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_htmx = getattr(request, "htmx", False)
        location = response.get("Location", "") if response.status_code == 302 else ""
        login = resolve_url(settings.LOGIN_URL)
        if is_htmx and location.startswith(login):
            # Come back to the page the clinician was on, not to the URL the fragment was posted to.
            page = urlsplit(request.headers.get("HX-Current-URL", "")).path
            if page.startswith("/") and not page.startswith("//"):
                location = f"{login}?{urlencode({REDIRECT_FIELD_NAME: page})}"
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = location
            return redirect
        return response
