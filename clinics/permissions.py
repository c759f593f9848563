"""API permission: signed in and attached to a clinic; objects are then scoped by the selectors."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from clinics.access import membership_for


class IsClinicMember(BasePermission):
    message = "Your account is not attached to a clinic."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        membership = getattr(request, "membership", None) or membership_for(request.user)
        # Token-authenticated requests reach DRF after the middleware ran as anonymous: set them here.
        request._request.membership = membership
        request._request.clinic = membership.clinic if membership else None
        return membership is not None
