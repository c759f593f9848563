"""Background work of the team pages, run by the task worker (`manage.py db_worker`), as the letters' emails are.

The queueing side lives here too, so clinics/invitations.py (the email and its worker's side) never imports this
module back.
"""

from __future__ import annotations

from django.tasks import task

from clinics.invitations import invitation_run, invitation_status_set
from clinics.models import InvitationStatus, Membership
from core.errors import DomainError


@task()
def send_invitation(membership_id: int, site: str) -> str:
    """Email a new member their set-password link; the link is made now, never stored in the queue."""
    return invitation_run(membership_id, site)


def invitation_queue(*, membership: Membership, site: str) -> None:
    """Queue the set-password email; call inside the transaction that created the member (same database)."""
    user = membership.user
    if not user.email:
        raise DomainError("email", "Give an email address to send the set-password link to.")
    if not user.is_active:
        raise DomainError("active", "Reactivate the member before sending them a set-password link.")
    if user.has_usable_password():
        raise DomainError("email", "They have already chosen a password; they can sign in.")
    invitation_status_set(membership, InvitationStatus.QUEUED)
    send_invitation.enqueue(membership.pk, site.rstrip("/"))
