"""Attach the signed-in user's clinic to every request, so scoping never depends on each view remembering."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from clinics.access import membership_for


class ClinicMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = membership_for(request.user)
        request.membership = membership  # type: ignore[attr-defined]
        request.clinic = membership.clinic if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)


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
