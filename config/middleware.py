"""Project-wide response headers that no single view should have to remember."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Mark every dynamic response `Cache-Control: no-store` unless its view chose a policy itself.

    Nearly every page and API answer carries patient data, and a shared tablet, a proxy or the browser's
    back-forward cache must never keep a copy of one after the clinician has moved on or signed out
    (HIPAA 164.312, ASVS V8.2.1). Static files never reach this middleware: WhiteNoise answers them first.
    Views that serve public, cacheable bytes (the service worker, the manifest) set their own header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        elif "no-store" not in response["Cache-Control"] and "public" not in response["Cache-Control"]:
            # A view that only said "private" or "max-age=0" still carries a person's data.
            add_never_cache_headers(response)
        return response
