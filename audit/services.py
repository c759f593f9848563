"""Writing audit events: the one public entry point other apps call, and the request context it reads.

`event_record` is deliberately a single INSERT with no lookups, so a tap pays one indexed insert (see
bench/audit_bench.py). The request being served is kept in a context variable by AuditMiddleware, so model
signals (a patient created from a form, the API or a task) are attributed without passing it around.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from audit.models import Action, AuditEvent
from audit.net import client_address

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


def event_record(
    action: Action | str,
    object_type: str = "",
    object_id: object = "",
    *,
    request: HttpRequest | None = None,
    patient_id: int | None = None,
    clinic_id: int | None = None,
    user: Any = None,
    username: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one event. Who, clinic and address come from `request` (or the request being served).

    Pass `user` / `clinic_id` explicitly from work that runs outside a request (a background task).
    """
    request = request if request is not None else current_request.get()
    if request is not None:
        user = user if user is not None else getattr(request, "user", None)
        if clinic_id is None:
            clinic = getattr(request, "clinic", None)
            clinic_id = clinic.pk if clinic is not None else None
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    return AuditEvent.objects.create(
        at=timezone.now(),
        action=str(action),
        object_type=object_type,
        object_id=str(object_id or "")[:40],
        patient_id=patient_id,
        clinic_id=clinic_id,
        user_id=user.pk if signed_in else None,
        username=(user.get_username() if signed_in else username)[:150],
        client_address=client_address(request) if request is not None else None,
        path=request.path[:200] if request is not None else "",
        detail=detail[:200],
    )
