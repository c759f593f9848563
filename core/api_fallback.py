"""JSON for every path under /api/: an unknown path is a JSON 404 and a crash a JSON 500, never an HTML page.

An integrator's client parses every answer as JSON; Django's HTML error pages (and its DEBUG pages) would make
a typo in a URL look like a broken server.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import server_error as html_server_error
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

API_PREFIX = "/api/"


def _slash_hint(path: str) -> str:
    """Name the endpoint the client probably meant when only the trailing slash differs."""
    other = path[:-1] if path.endswith("/") else f"{path}/"
    try:
        match = resolve(other)
    except Resolver404:
        return ""
    return "" if getattr(match.func, "is_api_fallback", False) else f" Did you mean {other}?"


@csrf_exempt
@login_not_required
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer a path under /api/ that names no endpoint, whatever the method or the caller."""
    return JsonResponse({"detail": f"No API endpoint at {request.path}.{_slash_hint(request.path)}"}, status=404)


api_not_found.is_api_fallback = True  # type: ignore[attr-defined]  # _slash_hint: a fallback is no endpoint


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer an unhandled error as JSON under /api/ and as the HTML page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "Server error: the problem is logged; please try again."}, status=500)
    return html_server_error(request)


class JsonErrorsMixin:
    """Render every refusal of a view that also speaks another media type (PDF, FHIR) as plain JSON.

    Without this, a 404 asked for as application/pdf would go out as an empty "PDF", and one asked for as
    FHIR JSON under a media type the schema does not document for errors.
    """

    def handle_exception(self, exc: Exception) -> Response:
        response: Response = super().handle_exception(exc)  # type: ignore[misc]
        request = self.request  # type: ignore[attr-defined]
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return response
