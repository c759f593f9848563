"""Sending a stored document: email with the same bytes attached, or recorded as sent another way; the history."""

import pytest
from django.core import mail
from django.urls import reverse

from core.errors import DomainError
from reports.mail import SEND_FAILED, delivery_run
from reports.models import DeliveryStatus, DocumentDelivery
from reports.sending import delivery_record, delivery_retry
from reports.services import document_generate


@pytest.fixture
def letter(completed_exam, clinician):
    return document_generate(exam=completed_exam, kind="referral_letter", user=clinician, recipient="gp")


def test_email_is_queued_then_sent_with_the_stored_bytes_attached(letter, clinician):
    delivery = delivery_record(
        document=letter,
        method="email",
        to="dr.patel@surgery.example",
        confirm="Dr.Patel@surgery.example",
        user=clinician,
    )
    assert delivery.status == DeliveryStatus.SENDING
    assert not mail.outbox

    assert delivery_run(delivery.pk) == DeliveryStatus.SENT

    (message,) = mail.outbox
    assert message.to == ["dr.patel@surgery.example"]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("referral-letter.pdf", "application/pdf")
    assert content == bytes(letter.content)
    assert "Jane Doe" not in message.subject + message.body
    delivery.refresh_from_db()
    assert delivery.sent_at is not None
    assert delivery.sha256 == letter.sha256
    assert delivery.sent_by == clinician
    assert delivery.message_id.startswith("<")


@pytest.mark.parametrize(
    ("to", "confirm", "field"),
    [("not-an-address", "not-an-address", "to"), ("", "", "to"), ("a@b.example", "a@c.example", "confirm")],
)
def test_bad_email_input_names_the_field_and_records_nothing(letter, clinician, to, confirm, field):
    with pytest.raises(DomainError) as caught:
        delivery_record(document=letter, method="email", to=to, confirm=confirm, user=clinician)

    assert caught.value.field == field
    assert not DocumentDelivery.objects.exists()


def test_unknown_method_is_refused(letter, clinician):
    with pytest.raises(DomainError) as caught:
        delivery_record(document=letter, method="pigeon", to="GP", user=clinician)

    assert caught.value.field == "method"


@pytest.mark.parametrize("method", ["post", "fax", "hand"])
def test_other_routes_are_recorded_as_sent_at_once(letter, clinician, method):
    delivery = delivery_record(document=letter, method=method, to="Riverside Surgery", user=clinician, note="1st class")

    assert delivery.status == DeliveryStatus.SENT
    assert delivery.sent_at is not None
    assert not mail.outbox


def test_a_failed_send_is_shown_and_can_be_sent_again(letter, clinician, monkeypatch):
    delivery = delivery_record(
        document=letter, method="email", to="gp@x.example", confirm="gp@x.example", user=clinician
    )

    def refuse(self, fail_silently=False, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert delivery_run(delivery.pk) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.error == SEND_FAILED

    monkeypatch.undo()
    delivery_retry(delivery)
    assert delivery_run(delivery.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_send_page_keeps_the_input_and_names_the_field(client_clinician, letter):
    url = reverse("reports:document-send", args=[letter.pk])

    response = client_clinician.post(url, {"method": "email", "to": "gp@x.example", "confirm": "gp@y.example"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "The two email addresses differ" in page
    assert 'value="gp@x.example"' in page
    assert 'aria-invalid="true"' in page


def test_panel_shows_each_documents_sending_history(client_clinician, letter, clinician, completed_exam):
    url = reverse("reports:document-send", args=[letter.pk])
    response = client_clinician.post(url, {"method": "post", "to": "Riverside Surgery"})
    assert response.status_code == 302

    panel = client_clinician.get(reverse("reports:exam-documents", args=[completed_exam.pk])).content.decode()

    assert "Post to Riverside Surgery by Alice Morgan" in panel
    assert "sent" in panel


def test_another_clinics_document_cannot_be_sent(client_outsider, letter):
    response = client_outsider.post(reverse("reports:document-send", args=[letter.pk]), {"method": "post", "to": "x"})

    assert response.status_code == 404
    assert not DocumentDelivery.objects.exists()


def test_each_sending_is_an_audit_event_when_it_leaves(letter, clinician, patient):
    from audit.models import AuditEvent

    delivery = delivery_record(
        document=letter, method="email", to="gp@x.example", confirm="gp@x.example", user=clinician
    )
    assert not AuditEvent.objects.filter(action="send").exists()  # queued, not yet sent

    delivery_run(delivery.pk)
    delivery_record(document=letter, method="fax", to="Riverside Surgery fax", user=clinician)

    events = AuditEvent.objects.filter(action="send").order_by("id")
    assert [(e.object_id, e.patient_id, e.detail) for e in events] == [
        (str(letter.pk), patient.pk, "email"),
        (str(letter.pk), patient.pk, "fax"),
    ]
