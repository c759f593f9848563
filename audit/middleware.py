"""Record every successful read and write of patient data from one place, after the view answered.

The view runs unchanged; afterwards the resolved URL is looked up in audit.routes (or recognised as a Django
admin page for a patient-data model) and one event is appended. Refused requests (4xx/5xx) record nothing
here: failed sign-ins are recorded by their own signal, and a refused object was never served.

A write and its event commit together: an audited write request runs in one transaction, so a change never
lands without its event, and the event costs one INSERT instead of a second commit (an fsync) per tap.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from audit.models import Action
from audit.routes import ADMIN_MODELS, READ, ROUTES, WRITE, Route, patient_of
from audit.services import current_request, event_record

ADMIN_VIEWS = {"change": "pk", "changelist": "", "delete": "pk", "history": "pk"}


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            if request.method in WRITE and _is_audited(request.path_info):
                with transaction.atomic():
                    response = self._respond(request)
            else:
                response = self._respond(request)
        finally:
            current_request.reset(token)
        return response

    def _respond(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400:
            self._record(request)
        return response

    def _record(self, request: HttpRequest) -> None:
        match = request.resolver_match
        if match is None:
            return
        route = ROUTES.get(match.view_name) or _admin_route(match.namespace, match.url_name or "")
        if route is None:
            return
        action = route.actions.get(request.method or "")
        if action is None:
            return
        object_id = str(match.kwargs.get(route.kwarg, "")) if route.kwarg else ""
        patient_id = patient_of(route.lookup_type)(object_id) if object_id else _patient_filter(request)
        same_type = route.lookup_type == route.object_type
        detail = "admin" if match.namespace == "admin" else ("" if same_type else f"{route.lookup_type} {object_id}")
        event_record(
            action,
            route.object_type,
            object_id if same_type else "",
            request=request,
            patient_id=patient_id,
            detail=detail,
        )


def _is_audited(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in ROUTES or _admin_route(match.namespace, match.url_name or "") is not None


def _patient_filter(request: HttpRequest) -> int | None:
    value = request.GET.get("patient", "")
    return int(value) if value.isdigit() and len(value) < 18 else None


def _admin_route(namespace: str, url_name: str) -> Route | None:
    if namespace != "admin":
        return None
    model, _, view = url_name.rpartition("_")
    object_type = ADMIN_MODELS.get(model)
    if object_type is None or view not in ADMIN_VIEWS:
        return None
    if view == "changelist":
        return Route(object_type, kwarg="", actions={"GET": Action.LIST})
    return Route(object_type, kwarg="object_id", actions={**READ, **WRITE})
