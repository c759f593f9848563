"""Generate and keep the PDFs that leave the clinic, byte for byte, numbered per exam and kind."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from core.errors import DomainError
from exams.models import Exam, Status
from reports.context import document_context_build
from reports.models import DocumentKind, GeneratedDocument
from reports.pdf import document_render

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Generated:
    document: GeneratedDocument
    created: bool  # False: the frozen document of a signed exam was returned as it was sent


def _frozen_find(*, exam: Exam, kind: str, recipient: str, version: int) -> GeneratedDocument | None:
    """Return the document already made for this exam version, kind and recipient, if any."""
    return (
        GeneratedDocument.objects.filter(exam=exam, kind=kind, recipient=recipient, exam_version=version)
        .order_by("-number")
        .first()
    )


def document_generate_outcome(*, exam: Exam, kind: str, user: User, recipient: str | None = None) -> Generated:
    """Render and store a document, or return the frozen one of a signed exam; say which happened."""
    if kind not in DocumentKind.values:
        raise DomainError("kind", f"Unknown document kind {kind!r}: use referral_letter or treatment_plan.")
    if kind == DocumentKind.TREATMENT_PLAN:
        recipient = None  # a plan goes to the patient
    context = document_context_build(exam=exam, kind=kind, recipient=recipient or None)
    chosen = context.recipient.code if context.recipient else ""
    if context.signed_at is not None and (
        existing := _frozen_find(exam=exam, kind=kind, recipient=chosen, version=context.exam_version)
    ):
        return Generated(existing, created=False)
    content = document_render(context)
    with transaction.atomic():
        locked = Exam.objects.select_for_update().get(pk=exam.pk)  # serialise numbering per exam
        if locked.version != context.exam_version:
            raise DomainError(
                "exam", "The exam changed while the document was prepared; generate it again.", code="stale"
            )
        if locked.status == Status.SIGNED and (
            existing := _frozen_find(exam=locked, kind=kind, recipient=chosen, version=context.exam_version)
        ):
            return Generated(existing, created=False)
        last = GeneratedDocument.objects.filter(exam=locked, kind=kind).aggregate(n=Max("number"))["n"] or 0
        document = GeneratedDocument.objects.create(
            clinic_id=locked.clinic_id,
            exam=locked,
            kind=kind,
            number=last + 1,
            recipient=chosen,
            exam_version=context.exam_version,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            generated_by=user,
        )
    logger.info("Generated %s v%s for exam %s (%d bytes)", kind, document.number, exam.pk, document.size)
    return Generated(document, created=True)


def document_generate(*, exam: Exam, kind: str, user: User, recipient: str | None = None) -> GeneratedDocument:
    """Return the stored document for this exam and kind: new, or the frozen one of a signed exam."""
    return document_generate_outcome(exam=exam, kind=kind, user=user, recipient=recipient).document
