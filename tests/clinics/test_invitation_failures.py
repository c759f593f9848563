"""A set-password email the mail server refuses: the worker records it and the team page offers a resend."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clinics.models import InvitationStatus
from tests.clinics.test_team_views import new_member
from tests.mail import REFUSING
from tests.reports.worker import worker_drain

ADD = reverse("clinics:member-add")
TEAM = reverse("clinics:member-list")
FAILED = "Invitation email failed"


def _row(page: str, name: str) -> str:
    return page.split(name)[1].split("</tr>")[0]


def _invite_url(user):
    return reverse("clinics:member-invite", args=[user.membership.pk])


@pytest.mark.django_db(transaction=True)
def test_a_refused_email_is_recorded_and_the_team_page_offers_a_resend(client_lead, settings):
    settings.MAILERS = REFUSING
    client_lead.post(ADD, new_member(access="email"))
    dana = get_user_model().objects.get(username="dana")
    assert dana.membership.invitation_status == InvitationStatus.QUEUED
    assert FAILED not in client_lead.get(TEAM).content.decode()  # queued is not failed

    worker_drain(in_process=True)

    (task,) = DBTaskResult.objects.filter(task_path="clinics.tasks.send_invitation")
    assert task.status == "FAILED"
    dana.membership.refresh_from_db()
    assert dana.membership.invitation_status == InvitationStatus.FAILED
    row = _row(client_lead.get(TEAM).content.decode(), "Dana Scully")
    assert f"{FAILED} " in row
    assert "resend</button>" in row
    assert f'action="{_invite_url(dana)}"' in row

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    resent = client_lead.post(_invite_url(dana), {"back": "team"})
    assert resent.status_code == 302
    assert resent.url == TEAM
    assert FAILED not in _row(client_lead.get(TEAM).content.decode(), "Dana Scully")  # queued again
    worker_drain(in_process=True)

    (message,) = mail.outbox
    assert message.to == ["dana@example.org"]
    dana.membership.refresh_from_db()
    assert dana.membership.invitation_status == InvitationStatus.SENT
    assert FAILED not in client_lead.get(TEAM).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_sent_email_shows_no_failure(client_lead):
    client_lead.post(ADD, new_member(access="email"))

    worker_drain(in_process=True)

    assert len(mail.outbox) == 1
    assert get_user_model().objects.get(username="dana").membership.invitation_status == InvitationStatus.SENT
    assert FAILED not in client_lead.get(TEAM).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_resend_is_scoped_to_the_leads_clinic(client_lead, client_clinician, outsider, settings):
    settings.MAILERS = REFUSING
    outsider.set_unusable_password()
    outsider.email = "oscar@example.org"
    outsider.save()
    outsider.membership.invitation_status = InvitationStatus.FAILED
    outsider.membership.save()

    assert client_lead.post(_invite_url(outsider), {"back": "team"}).status_code == 404
    assert client_clinician.post(_invite_url(outsider), {"back": "team"}).status_code == 403
    assert "Oscar" not in client_lead.get(TEAM).content.decode()
    assert not DBTaskResult.objects.exists()
