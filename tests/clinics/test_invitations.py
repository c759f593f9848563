"""The set-password email goes through the task queue: queued with the new member, sent by the real worker."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.clinics.test_team_views import new_member
from tests.reports.worker import worker_drain

ADD = reverse("clinics:member-add")
NEW = new_member(access="email", registration_number="")


def _invite_url(user):
    return reverse("clinics:member-invite", args=[user.membership.pk])


@pytest.mark.django_db
def test_adding_a_member_queues_the_email_and_sends_nothing_inline(client_lead):
    response = client_lead.post(ADD, NEW)

    assert response.status_code == 200
    assert "on its way to" in response.content.decode()
    assert not mail.outbox
    dana = get_user_model().objects.get(username="dana")
    (task,) = DBTaskResult.objects.filter(task_path="clinics.tasks.send_invitation")
    assert task.status == "READY"
    assert task.args_kwargs["args"] == [dana.membership.pk, "http://testserver"]  # no token in the queue


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_link_that_sets_the_password_once(client_lead, clinic):
    client_lead.post(ADD, NEW)

    worker_drain(in_process=True)

    (message,) = mail.outbox
    assert message.to == ["dana@example.org"]
    assert clinic.name in message.subject
    assert "Your username is: dana" in message.body
    link = re.search(r"http://testserver(/accounts/password/set/\S+)", message.body).group(1)
    assert DBTaskResult.objects.get(task_path="clinics.tasks.send_invitation").status == "SUCCESSFUL"
    dana = Client()
    form = dana.get(link, follow=True)
    assert form.context["validlink"] is True
    new = {"new_password1": "a-long-pass-2026", "new_password2": "a-long-pass-2026"}
    assert dana.post(form.redirect_chain[-1][0], new).status_code == 302
    assert dana.login(request=HttpRequest(), username="dana", password="a-long-pass-2026") is True
    assert Client().get(link, follow=True).context["validlink"] is False


@pytest.mark.django_db
def test_email_choice_without_an_address_names_the_field(client_lead):
    response = client_lead.post(ADD, NEW | {"email": ""})

    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="dana").exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_lead_sends_a_new_link_and_none_once_a_password_is_chosen(client_lead):
    client_lead.post(ADD, NEW | {"access": "link"})
    dana = get_user_model().objects.get(username="dana")
    page = client_lead.get(reverse("clinics:member-edit", args=[dana.membership.pk])).content.decode()
    assert "Email a new link" in page

    assert client_lead.post(_invite_url(dana)).status_code == 302
    worker_drain(in_process=True)
    assert len(mail.outbox) == 1

    dana.set_password("chosen-2026-pass")
    dana.save()
    refused = client_lead.post(_invite_url(dana))
    assert refused.status_code == 400
    assert "already chosen a password" in refused.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_queued_link_for_a_member_deactivated_meanwhile_is_not_sent(client_lead):
    client_lead.post(ADD, NEW)
    get_user_model().objects.filter(username="dana").update(is_active=False)

    worker_drain(in_process=True)

    assert not mail.outbox
    assert DBTaskResult.objects.get(task_path="clinics.tasks.send_invitation").return_value == "skipped"


@pytest.mark.django_db
def test_invite_is_refused_to_clinicians_and_404_across_clinics(client_clinician, client_lead, colleague, outsider):
    assert client_clinician.post(_invite_url(colleague)).status_code == 403
    assert client_lead.post(_invite_url(outsider)).status_code == 404


@pytest.mark.django_db
def test_team_page_marks_a_member_without_a_password(client_lead):
    client_lead.post(ADD, NEW)
    row = client_lead.get(reverse("clinics:member-list")).content.decode().split("Dana Scully")[1].split("</tr>")[0]
    assert "No password yet" in row


@pytest.mark.django_db
def test_the_link_lifetime_wording_follows_password_reset_timeout(client_lead, settings):
    settings.PASSWORD_RESET_TIMEOUT = 12 * 3600
    form = client_lead.get(ADD).content.decode()
    assert "valid for 12 hours, works once" in form
    assert "3 days" not in form

    settings.PASSWORD_RESET_TIMEOUT = 7 * 86400
    added = client_lead.post(ADD, NEW | {"access": "link"}).content.decode()
    assert "expires in 7 days" in added
    dana = get_user_model().objects.get(username="dana")
    page = client_lead.get(reverse("clinics:member-edit", args=[dana.membership.pk])).content.decode()
    assert "expires in 7 days" in page


@pytest.mark.django_db(transaction=True)
def test_the_email_states_the_configured_lifetime(client_lead, settings):
    settings.PASSWORD_RESET_TIMEOUT = 86400
    client_lead.post(ADD, NEW)

    worker_drain(in_process=True)

    (message,) = mail.outbox
    assert "expires in 1 day)" in message.body
