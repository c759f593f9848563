"""One exception handler so every API error has DRF's shape and names each field at fault."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.errors import ConflictError, DomainError, FieldError, FieldErrors


def _slot(node: Any, key: str | int, default: Any) -> Any:
    if isinstance(key, int):
        while len(node) <= key:
            node.append({})  # DRF pads valid list items with {}
        if node[key] == {} and not isinstance(default, dict):
            node[key] = default
        return node[key]
    return node.setdefault(key, default)


def field_errors_nest(errors: Iterable[FieldError]) -> dict[str, Any]:
    """Turn flat field paths into DRF's nested error body, e.g. {"findings": [{}, {"side": [...]}]}."""
    body: dict[str, Any] = {}
    for error in errors:
        path = list(error.path) or ["non_field_errors"]
        node: Any = body
        for key, nxt in zip(path, path[1:], strict=False):
            node = _slot(node, key, [] if isinstance(nxt, int) else {})
        _slot(node, path[-1], []).append(error.message)
    return body


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, FieldErrors):
        return Response(field_errors_nest(exc.errors), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ConflictError):
        # `detail` always carries the message: the field itself may be "version", which the body also uses.
        body: dict[str, Any] = {"detail": exc.message, "current": exc.current, "version": exc.version}
        body.setdefault(exc.field, [exc.message])
        return Response(body, status=exc.status)
    if isinstance(exc, DomainError):
        # A refusal other than bad input (403 forbidden, 409 read-only) also carries `detail`, the one key every
        # client reads and the schema requires of those statuses; the field stays named beside it.
        domain: dict[str, Any] = {} if exc.status == status.HTTP_400_BAD_REQUEST else {"detail": exc.message}
        return Response(domain | {exc.field: [exc.message]}, status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        return Response({"non_field_errors": ["Request body too large."]}, status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
