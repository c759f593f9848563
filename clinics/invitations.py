"""The set-password email a new member receives, sent by the task worker (`manage.py db_worker`), not inline.

The queued task holds only the membership id and the site's address, never a token: the worker makes the
one-use link when it sends, so the queue table holds nothing that lets anyone in, and a mail server that is
slow or down never holds up the lead's page (clinics/tasks.py queues it). Once the member has chosen a password
the link is spent anyway (Django's reset token changes with the password), so a late or repeated email opens
nothing.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from clinics.models import InvitationStatus, Membership

logger = logging.getLogger(__name__)
SENT, SKIPPED = "sent", "skipped"


def set_password_path(user: User) -> str:
    """Return the one-use link (Django's password-reset token, PASSWORD_RESET_TIMEOUT) to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def invitation_status_set(membership: Membership, status: InvitationStatus) -> None:
    """Record where the member's set-password email stands, on the row and on the caller's instance."""
    membership.invitation_status, membership.invitation_at = status, timezone.now()
    Membership.objects.filter(pk=membership.pk).update(
        invitation_status=membership.invitation_status, invitation_at=membership.invitation_at
    )


def link_lifetime() -> str:
    """How long a set-password link works, in words ("3 days", "12 hours"), read from PASSWORD_RESET_TIMEOUT.

    Read at each call, not at import, so the form, the pages and the email always say what the token checks.
    """
    seconds = settings.PASSWORD_RESET_TIMEOUT
    count, unit = (round(seconds / 86400), "day") if seconds >= 86400 else (max(1, round(seconds / 3600)), "hour")
    return f"{count} {unit}{'s' if count != 1 else ''}"


def invitation_build(membership: Membership, site: str) -> EmailMessage:
    """The email: who added them, their username, and the link; nothing about patients."""
    user, clinic = membership.user, membership.clinic
    body = (
        f"Hello {user.get_full_name() or user.username},\n\n"
        f"You have been added to {clinic.name} as {membership.get_role_display().lower()}.\n"
        f"Your username is: {user.username}\n\n"
        f"Choose your password here (the link works once and expires in "
        f"{link_lifetime()}):\n{site}{set_password_path(user)}\n\n"
        f"If you did not expect this email, ignore it; nothing happens until the link is used.\n"
    )
    return EmailMessage(
        subject=f"Your account at {clinic.name}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        reply_to=[clinic.email] if clinic.email else None,
    )


def invitation_run(membership_id: int, site: str) -> str:
    """The worker's side: send the email, unless the member can no longer use it (gone, inactive, password set)."""
    membership = Membership.objects.select_related("user", "clinic").filter(pk=membership_id).first()
    if membership is None:
        return SKIPPED
    user = membership.user
    if not user.is_active or user.has_usable_password() or not user.email:
        invitation_status_set(membership, InvitationStatus.NONE)  # nothing is owed to them any more
        return SKIPPED
    try:
        invitation_build(membership, site).send()
    except Exception:
        # Recorded before the task fails, so the team page offers the lead a resend (the queue keeps the error).
        logger.exception("Set-password email for membership %s failed", membership_id)
        invitation_status_set(membership, InvitationStatus.FAILED)
        raise
    invitation_status_set(membership, InvitationStatus.SENT)
    logger.info("Set-password email sent for membership %s", membership_id)
    return SENT
