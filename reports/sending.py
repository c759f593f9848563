"""Send a stored document: by email from the app (queued, with the PDF attached), or recorded as sent another way.

Every sending is a DocumentDelivery row: who sent which document, by what route, to whom and when, with the digest
of the bytes that left. An email is queued for the worker (reports/tasks.py) and retried from the page if the mail
server refused it; post, fax and hand-over are recorded as sent at once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from reports.models import DeliveryMethod, DeliveryStatus, DocumentDelivery, GeneratedDocument
from reports.signals import document_sent

logger = logging.getLogger(__name__)
SEND_FAILED = "The mail server did not accept the email; nothing was sent. Check the address and try again."


def _address_check(to: str, confirm: str) -> str:
    address = to.strip()
    try:
        validate_email(address)
    except ValidationError:
        raise DomainError("to", f"{address or 'An empty address'} is not a valid email address.") from None
    if confirm.strip().lower() != address.lower():
        raise DomainError("confirm", "The two email addresses differ: type the address again to confirm it.")
    return address


def delivery_record(
    *, document: GeneratedDocument, method: str, to: str, user: User, confirm: str = "", note: str = ""
) -> DocumentDelivery:
    """Record a sending: queue an email (after the clinician confirmed the address) or log another route."""
    if method not in DeliveryMethod.values:
        raise DomainError("method", f"Unknown way of sending {method!r}: use {', '.join(DeliveryMethod.values)}.")
    if method == DeliveryMethod.EMAIL:
        to = _address_check(to, confirm)
    elif not to.strip():
        raise DomainError("to", "Say who the document went to (name, practice or service).")
    if len(to) > 254 or len(note) > 500:
        raise DomainError("to" if len(to) > 254 else "note", "Too long: keep it under 254 characters.")
    emailed = method == DeliveryMethod.EMAIL
    with transaction.atomic():
        delivery = DocumentDelivery.objects.create(
            clinic_id=document.clinic_id,
            document=document,
            method=method,
            to=to.strip(),
            note=note.strip(),
            sent_by=user,
            sha256=document.sha256,
            status=DeliveryStatus.SENDING if emailed else DeliveryStatus.SENT,
            sent_at=None if emailed else timezone.now(),
        )
        if emailed:
            _enqueue(delivery)
    if not emailed:
        _announce_sent(delivery)
    return delivery


def _announce_sent(delivery: DocumentDelivery) -> None:
    """Say the document left; the audit app records it (reports sits below audit, so it does not call it)."""
    document_sent.send(sender=DocumentDelivery, delivery=delivery)


def _enqueue(delivery: DocumentDelivery) -> None:
    from reports.tasks import send_document

    send_document.enqueue(delivery.pk)


def delivery_retry(delivery: DocumentDelivery) -> DocumentDelivery:
    """Queue a failed email again."""
    with transaction.atomic():
        locked = DocumentDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status != DeliveryStatus.FAILED:
            return locked
        locked.status, locked.error = DeliveryStatus.SENDING, ""
        locked.save(update_fields=["status", "error"])
        _enqueue(locked)
    return locked


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
        _announce_sent(delivery)
    DocumentDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return str(fields["status"])
