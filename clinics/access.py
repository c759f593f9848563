"""Clinic scoping in one place: a user's clinic, and the typed request the views rely on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from clinics.models import Clinic, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django_htmx.middleware import HtmxDetails


class ClinicRequest(HttpRequest):
    """A request from a signed-in member: `clinic` and `membership` are set by ClinicMiddleware."""

    clinic: Clinic
    membership: Membership
    htmx: HtmxDetails


def membership_for(user: AbstractBaseUser | AnonymousUser | Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return Membership.objects.select_related("clinic").get(user=user)
    except Membership.DoesNotExist:
        return None


def clinic_required(request: ClinicRequest) -> Clinic:
    """Return the request's clinic or refuse: a user without a clinic may see nothing."""
    if request.clinic is None:
        raise PermissionDenied("Your account is not attached to a clinic.")
    return request.clinic
