"""API permission: signed in and attached to a clinic; objects are then scoped by the selectors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from clinics.access import NO_CLINIC_MESSAGE, membership_for

if TYPE_CHECKING:  # DRF imports this module while rest_framework.views is still loading
    from rest_framework.request import Request
    from rest_framework.views import APIView


CHANGE_DUE = "Choose your own password first: sign in to the app and change the one-time password you were given."


class IsClinicMember(BasePermission):
    message = NO_CLINIC_MESSAGE

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        membership = getattr(request, "membership", None) or membership_for(request.user)
        # Token-authenticated requests reach DRF after the middleware ran as anonymous: set them here, on the
        # HttpRequest that ClinicApiRequest reads `clinic` and `membership` through.
        request._request.membership = membership  # type: ignore[attr-defined]
        request._request.clinic = membership.clinic if membership else None  # type: ignore[attr-defined]
        if membership is None:
            # Raised, not returned: a subclass's own `message` (e.g. leads only) must not mask this one.
            raise PermissionDenied(NO_CLINIC_MESSAGE)
        if membership.password_change_required:
            # The web pages hold such a member on the change page; the API must not be the way around it.
            raise PermissionDenied(CHANGE_DUE)
        return True
