"""A lead acts on members of their own clinic only; anyone else's account is not found."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from clinics.access import ClinicRequest


def member_for_lead(request: ClinicRequest, pk: int) -> Any:
    clinic = request.clinic
    if not request.membership.is_lead:
        raise PermissionDenied("Only a clinic lead can manage members' sign-in security.")
    return get_object_or_404(get_user_model(), pk=pk, membership__clinic=clinic)
