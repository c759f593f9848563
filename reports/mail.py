"""The worker's side of an emailed document: build the message, send it, record sent or failed, announce it.

Kept apart from reports/sending.py (the request side, which enqueues reports.tasks.send_document) so the task
module can import this one at the top without the two importing each other.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.utils import timezone

from reports.models import DeliveryStatus, DocumentDelivery
from reports.signals import document_sent

logger = logging.getLogger(__name__)
SEND_FAILED = "The mail server did not accept the email; nothing was sent. Check the address and try again."


def delivery_announce(delivery: DocumentDelivery) -> None:
    """Say the document left; the audit app records it (reports sits below audit, so it does not call it)."""
    document_sent.send(sender=DocumentDelivery, delivery=delivery)


def email_build(delivery: DocumentDelivery) -> EmailMessage:
    """The email: no patient name in the subject or body (mail travels through servers we do not control)."""
    document = delivery.document
    clinic = document.clinic
    kind = document.get_kind_display()
    sender = delivery.sent_by.get_full_name() or delivery.sent_by.get_username()
    contact = ", ".join(x for x in (clinic.phone, clinic.email) if x)
    body = (
        f"Please find attached a {kind.lower()} (PDF) from {clinic.name}, sent by {sender}.\n\n"
        f"If it reached you in error, please delete it and let us know{f' ({contact})' if contact else ''}.\n"
    )
    message = EmailMessage(
        subject=f"{kind} from {clinic.name}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to],
        reply_to=[clinic.email] if clinic.email else None,
    )
    message.extra_headers["Message-ID"] = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None)
    message.attach(f"{document.kind.replace('_', '-')}.pdf", bytes(document.content), "application/pdf")
    return message


def delivery_run(delivery_id: int) -> str:
    """The worker's side: send the email and record sent, or failed with a message the page shows."""
    delivery = DocumentDelivery.objects.select_related("document__clinic", "document__exam", "sent_by").get(
        pk=delivery_id
    )
    if delivery.status != DeliveryStatus.SENDING:
        return delivery.status
    DocumentDelivery.objects.filter(pk=delivery.pk).update(attempts=delivery.attempts + 1)
    fields: dict[str, Any]
    try:
        message = email_build(delivery)
        message.send()
    except Exception:
        logger.exception("Sending delivery %s failed", delivery.pk)
        fields = {"status": DeliveryStatus.FAILED, "error": SEND_FAILED}
    else:
        fields = {
            "status": DeliveryStatus.SENT,
            "sent_at": timezone.now(),
            "message_id": message.extra_headers["Message-ID"],
        }
        delivery_announce(delivery)
    DocumentDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return str(fields["status"])
