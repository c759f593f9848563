"""Background work of the team pages, run by the task worker (`manage.py db_worker`), as the letters' emails are."""

from __future__ import annotations

from django.tasks import task


@task()
def send_invitation(membership_id: int, site: str) -> str:
    """Email a new member their set-password link; the link is made now, never stored in the queue."""
    from clinics.invitations import invitation_run

    return invitation_run(membership_id, site)
