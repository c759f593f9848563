"""Only clinic leads read the trail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from clinics.access import ClinicRequest
from clinics.models import Clinic
from clinics.permissions import IsClinicMember

LEADS_ONLY = "Only a clinic lead can read the audit trail."


def lead_clinic(request: ClinicRequest) -> Clinic:
    if not request.membership.is_lead:
        raise PermissionDenied(LEADS_ONLY)
    return request.clinic


class IsClinicLead(IsClinicMember):
    message = LEADS_ONLY

    def has_permission(self, request: Any, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        return bool(request._request.membership.is_lead)


__all__ = ["BasePermission", "IsClinicLead", "lead_clinic"]
