"""Record every successful read and write of patient data from one place, after the view answered.

The view runs unchanged; afterwards the resolved URL is looked up in audit.routes (or recognised as a Django
admin page for a patient-data model) and one event is appended. Refused requests (4xx/5xx) record nothing
here: failed sign-ins are recorded by their own signal, and a refused object was never served. Nor do the
redirects that refuse before any view serves: an anonymous request sent to sign in, or a member without admin
access sent to the admin's sign-in page (tests/security/test_audit_refused_reads.py).

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
        if match is None or not request.user.is_authenticated:
            return
        route = ROUTES.get(match.view_name) or _admin_route(match.namespace, match.url_name or "")
        if route is None or (match.namespace == "admin" and not _admin_reader(request)):
            return
        action = route.actions.get(request.method or "")
        if action is None:
            return
        object_id = str(match.kwargs.get(route.kwarg, "")) if route.kwarg else ""
        if object_id:  # the admin's ids are free text: one that is not a number names no patient
            patient_id = patient_of(route.lookup_type)(object_id) if object_id.isdigit() else None
        else:
            patient_id = _patient_filter(request)
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


def _admin_reader(request: HttpRequest) -> bool:
    """Whether the admin served this user at all (its own test); anyone else was sent to its sign-in page."""
    return bool(request.user.is_active and request.user.is_staff)


def _patient_filter(request: HttpRequest) -> int | None:
    """The list's ?patient= when it is the clinic's own: another clinic's id was never listed, so not stored."""
    from patients.models import Patient

    value = request.GET.get("patient", "")
    clinic = getattr(request, "clinic", None)
    if not (value.isdigit() and len(value) < 18) or clinic is None:
        return None
    return int(value) if Patient.objects.filter(clinic=clinic, pk=int(value)).exists() else None


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
