"""Send a stored document: by email from the app (queued, with the PDF attached), or recorded as sent another way.

Every sending is a DocumentDelivery row: who sent which document, by what route, to whom and when, with the digest
of the bytes that left. An email is queued for the worker (reports/tasks.py, which sends it through
reports/mail.py) and retried from the page if the mail server refused it; post, fax and hand-over are recorded
as sent at once.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from reports.mail import delivery_announce
from reports.models import DeliveryMethod, DeliveryStatus, DocumentDelivery, GeneratedDocument
from reports.tasks import send_document


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
        delivery_announce(delivery)
    return delivery


def _enqueue(delivery: DocumentDelivery) -> None:
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
