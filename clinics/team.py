"""The clinic's team: a lead adds members, changes roles, deactivates; a clinic is never left without a lead.

Deactivation sets User.is_active to False: the member's exams, signatures and letters stay exactly as they were,
but Django's backends refuse the account at sign-in, on its existing sessions and on its API token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from clinics.invitations import set_password_path
from clinics.models import Clinic, Membership, Role
from clinics.tasks import invitation_queue
from core.errors import DomainError

LAST_LEAD = "A clinic needs at least one active lead: make another member a lead first."


@dataclass(frozen=True, slots=True)
class Invitation:
    """What the lead passes on to the new member, shown once: a set-password link or a one-time password."""

    membership: Membership
    set_password_path: str = ""
    one_time_password: str = ""
    emailed: bool = False


def member_add(
    *,
    clinic: Clinic,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str = Role.CLINICIAN,
    profession: str = "Physiotherapist",
    registration_number: str = "",
    one_time_password: bool = False,
    email_link_from: str = "",
) -> Invitation:
    """Create the account and its membership; the member sets a password by link, or changes a one-time one.

    With `email_link_from` (the site's address) the link is emailed by the task worker instead of shown: the
    task is queued in the same transaction, so there is never a member without their email or the reverse.
    """
    if email_link_from and (one_time_password or not email):
        raise DomainError("email", "Give an email address to send the set-password link to.")
    users = get_user_model().objects
    if users.filter(username__iexact=username).exists():
        raise DomainError("username", f"The username “{username}” is taken; choose another.")
    with transaction.atomic():
        user = users.create_user(username=username, first_name=first_name, last_name=last_name, email=email)
        password = secrets.token_urlsafe(12) if one_time_password else ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        membership = Membership.objects.create(
            user=user,
            clinic=clinic,
            role=role,
            profession=profession,
            registration_number=registration_number,
            password_change_required=bool(password),
        )
        if email_link_from:
            invitation_queue(membership=membership, site=email_link_from)
    if email_link_from:
        return Invitation(membership, emailed=True)
    if password:
        return Invitation(membership, one_time_password=password)
    return Invitation(membership, set_password_path=set_password_path(user))


def _active_leads(clinic: Clinic) -> int:
    # Lock the clinic's lead rows, so two leads demoting each other at once cannot both succeed.
    leads = Membership.objects.select_for_update().filter(clinic=clinic, role=Role.CLINIC_LEAD, user__is_active=True)
    return len(list(leads.values_list("pk", flat=True)))


def _keeps_a_lead(membership: Membership, field: str) -> None:
    if membership.is_lead and membership.user.is_active and _active_leads(membership.clinic) <= 1:
        raise DomainError(field, LAST_LEAD)


def member_update(*, membership: Membership, role: str, **fields: str) -> Membership:
    """Save a member's names, e-mail, profession and registration number, then their role (last lead kept)."""
    user = membership.user
    with transaction.atomic():
        for name in ("first_name", "last_name", "email"):
            setattr(user, name, fields[name])
        user.save(update_fields=["first_name", "last_name", "email"])
        membership.profession = fields["profession"]
        membership.registration_number = fields["registration_number"]
        membership.save(update_fields=["profession", "registration_number"])
        member_role_set(membership=membership, role=role)
    return membership


def member_role_set(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise DomainError("role", f"Unknown role “{role}”.")
    with transaction.atomic():
        if role != Role.CLINIC_LEAD:
            _keeps_a_lead(membership, "role")
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def member_active_set(*, membership: Membership, active: bool, by: User) -> Membership:
    """Deactivate (or reactivate) a member; a lead cannot lock themself out or remove the last lead."""
    user = membership.user
    if not active and user.pk == by.pk:
        raise DomainError("active", "You cannot deactivate yourself; ask another lead.")
    with transaction.atomic():
        if not active:
            _keeps_a_lead(membership, "active")
        user.is_active = active
        user.save(update_fields=["is_active"])
    return membership


def password_change_done(*, user: User) -> None:
    """Clear the one-time-password flag once the member has chosen their own password."""
    Membership.objects.filter(user=user, password_change_required=True).update(password_change_required=False)
