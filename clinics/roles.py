"""Who may use what: the lead-only pages (dashboard, team, clinic settings) refuse clinicians with a 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase

from clinics.access import ClinicRequest

View = Callable[..., HttpResponseBase]


def lead_required(view: View) -> View:
    """Let only a lead of the request's clinic through; anyone else is refused, never redirected."""

    @wraps(view)
    def guarded(request: ClinicRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.membership.is_lead:
            raise PermissionDenied("Only a clinic lead can open this page.")
        return view(request, *args, **kwargs)

    return guarded
