"""Attach the signed-in user's clinic to every request, so scoping never depends on each view remembering."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from clinics.access import membership_for


class ClinicMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = membership_for(request.user)
        request.membership = membership  # type: ignore[attr-defined]
        request.clinic = membership.clinic if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)
