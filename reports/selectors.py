"""Reads of generated documents, always scoped to one clinic: another clinic's document is a 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from exams.models import Exam
from protocols.care import ReferralTarget
from reports.context import LETTER_STATUSES, recipient_default_for
from reports.knowledge import knowledge_get
from reports.models import GeneratedDocument


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: GeneratedDocument
    recipient: str  # the addressee's label, "Patient" for a plan


@dataclass(frozen=True, slots=True)
class ExamDocuments:
    """What the documents panel of an exam shows: the versions so far and the letter's recipient choice."""

    exam: Exam
    items: tuple[DocumentRow, ...]
    can_generate: bool
    recipients: tuple[ReferralTarget, ...]
    recipient_default: str


def document_get(*, clinic: Clinic, pk: int | str, with_content: bool = True) -> GeneratedDocument:
    """Return the clinic's document `pk`, or raise Http404 (also for another clinic's document)."""
    documents = GeneratedDocument.objects.select_related("generated_by")
    if not with_content:
        documents = documents.defer("content")
    return clinic_get_or_404(documents, clinic=clinic, pk=pk)


def document_list(*, clinic: Clinic, exam: Exam) -> QuerySet[GeneratedDocument]:
    """Return the exam's documents, newest first, without their bytes."""
    return (
        GeneratedDocument.objects.filter(clinic=clinic, exam=exam)
        .defer("content")
        .select_related("generated_by")
        .order_by("-generated_at", "-id")
    )


def exam_documents(*, clinic: Clinic, exam: Exam) -> ExamDocuments:
    """Gather the documents panel of one exam of the clinic (include it with documents=<this>)."""
    if exam.clinic_id != clinic.pk:
        raise Http404("No such exam in your clinic.")
    can_generate = exam.status in LETTER_STATUSES and bool(exam.assessment)
    documents = tuple(document_list(clinic=clinic, exam=exam))
    if not (can_generate or documents):
        return ExamDocuments(exam, (), False, (), "")
    protocol, care = knowledge_get(exam.protocol_code, exam.protocol_version)
    targets = care.referral_targets
    rows = tuple(DocumentRow(d, targets[d.recipient].label if d.recipient in targets else "Patient") for d in documents)
    recipients = tuple(targets.values()) if can_generate else ()
    default = recipient_default_for(exam=exam, protocol=protocol, care=care) if can_generate else ""
    return ExamDocuments(exam, rows, can_generate, recipients, default)
