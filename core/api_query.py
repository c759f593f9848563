"""Query strings under /api/ are read as the OpenAPI schema documents them, for every operation, in one place.

A key the operation does not document (`/api/v1/exams/?pateint=3`), a documented one given twice or empty
(`?page=`, `?format=`), or a `format` the operation does not render answers 400 naming each parameter. Silently
ignoring any of these would hand an integrator the unfiltered list, or another page, without a word; and the
schema could not describe a server that accepts keys it never mentions. The allowed keys are read from the
served schema itself (built once per process), so a view that documents a parameter has it accepted with no
second list to keep in step. Values are still the view's to validate (core.api_inputs.query_params_read).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import QueryDict
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.api_fallback import API_PREFIX
from core.api_inputs import EMPTY, REPEATED, UNKNOWN

# Operation key: (HTTP method, compiled path template); value: each documented query parameter's schema.
Operations = list[tuple[str, re.Pattern[str], dict[str, dict[str, Any]]]]


def query_errors(given: QueryDict, documented: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Return, by parameter name, why the query string `given` is not what `documented` describes."""
    errors: dict[str, list[str]] = {}
    for name in given:
        schema = documented.get(name)
        values = given.getlist(name)
        if schema is None:
            errors[name] = [UNKNOWN]
        elif len(values) > 1 and schema.get("type") != "array":
            errors[name] = [REPEATED]
        elif "" in values:
            errors[name] = [EMPTY]
        elif name == api_settings.URL_FORMAT_OVERRIDE and values[0] not in schema.get("enum", ()):
            # DRF would answer a bare 404 "Not found." for a format no renderer has.
            errors[name] = [f'"{values[0]}" is not a valid choice.']
    return errors


@cache
def operations() -> Operations:
    """Read every operation's documented query parameters from the schema the server serves."""
    from drf_spectacular.generators import SchemaGenerator  # imports every view: only once the URLconf is loaded

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found: Operations = []
    for path, item in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
        for method, operation in item.items():
            parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
            query = {p["name"]: p.get("schema", {}) for p in parameters if p.get("in") == "query"}
            found.append((method.upper(), pattern, query))
    return found


def documented_query(method: str, path: str) -> dict[str, dict[str, Any]] | None:
    """Return the query parameters documented for this request, or None when the schema has no such operation."""
    method = "GET" if method == "HEAD" else method
    for known, pattern, query in operations():
        if known == method and pattern.match(path):
            return query
    return None


@cache
def _refusing(view_class: type[APIView]) -> type[APIView]:
    """Return `view_class` answering every request as a 400 once its own sign-in, permission and throttle pass.

    The view's own checks run first, so a signed-out caller still gets 401 (and no word about parameters), and
    the refusal takes the view's own error shape (FHIR's OperationOutcome) through its handle_exception.
    """

    def initial(self: APIView, request: Request, *args: Any, **kwargs: Any) -> None:
        view_class.initial(self, request, *args, **kwargs)
        raise ValidationError(request._request.api_query_errors)  # type: ignore[attr-defined]

    def perform_content_negotiation(self: APIView, request: Request, force: bool = False) -> Any:
        # A `format` no renderer has is one of the refused parameters: answer in the view's first media type
        # rather than let DRF stop at a bare 404.
        return view_class.perform_content_negotiation(self, request, force=True)

    members = {"initial": initial, "perform_content_negotiation": perform_content_negotiation}
    return type(f"{view_class.__name__}QueryRefused", (view_class,), members)


class ApiQueryMiddleware:
    """Refuse a query string the operation's schema does not describe (see the module docstring).

    Runs in `process_view`, once the URL has resolved to a REST framework view, so unknown paths still get
    their JSON 404; the view then answers the 400 itself, after its own sign-in check (`_refusing`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        view_class = getattr(view_func, "cls", None)  # set by APIView.as_view(), with its initkwargs
        if view_class is None or not request.path_info.startswith(API_PREFIX) or not request.GET:
            return None
        documented = documented_query(request.method or "GET", request.path_info)
        errors = query_errors(request.GET, documented) if documented is not None else {}
        if not errors:
            return None
        request.api_query_errors = errors  # type: ignore[attr-defined]
        refusing = _refusing(view_class).as_view(**getattr(view_func, "initkwargs", {}))
        response: HttpResponse = refusing(request, *args, **kwargs)
        return response
