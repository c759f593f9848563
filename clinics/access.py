"""Clinic scoping in one place: a user's clinic, the typed requests views rely on, and the one scoped lookup.

ClinicMiddleware (HTML) and IsClinicMember (API) refuse a signed-in user without a clinic before any view runs,
so every view may take `request.clinic` as a `Clinic`, never None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from rest_framework.request import Request

from clinics.models import Clinic, Membership

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django_htmx.middleware import HtmxDetails

NO_CLINIC_MESSAGE = "Your account is not attached to a clinic. Ask your clinic lead to add you to the team."


class ClinicRequest(HttpRequest):
    """A request from a signed-in member: `clinic` and `membership` are set by ClinicMiddleware."""

    user: User
    clinic: Clinic
    membership: Membership
    htmx: HtmxDetails


class ClinicApiRequest(Request):
    """A DRF request from a member: IsClinicMember set `clinic` and `membership` (read through to the HttpRequest)."""

    user: User  # narrower than DRF's any user: IsClinicMember admitted a member
    clinic: Clinic
    membership: Membership


def membership_for(user: AbstractBaseUser | AnonymousUser) -> Membership | None:
    """The signed-in user's membership (with its clinic), or None for an anonymous visitor or a user in no clinic."""
    if not isinstance(user, User):  # AnonymousUser; every signed-in account is Django's User (AUTH_USER_MODEL)
        return None
    try:
        return Membership.objects.select_related("clinic").get(user=user)
    except Membership.DoesNotExist:
        return None


def clinic_not_required[V: Callable[..., Any]](view: V) -> V:
    """Mark a view a signed-in user without a clinic may still open (sign-out, the operator's admin)."""
    view.clinic_required = False  # type: ignore[attr-defined]
    return view


def clinic_get_or_404[M: Model](objects: QuerySet[M], *, clinic: Clinic, pk: object) -> M:
    """Return the clinic's object `pk` from `objects`, or raise Http404: another clinic's object does not exist."""
    try:
        return objects.get(clinic=clinic, pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {objects.model._meta.verbose_name} in your clinic.") from None
