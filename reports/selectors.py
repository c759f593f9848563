"""Reads of generated documents, always scoped to one clinic: another clinic's document is a 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from django.db.models import OuterRef, Prefetch, QuerySet
from django.http import Http404

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from exams.models import Exam
from patients.models import Patient
from protocols.care import ReferralTarget
from protocols.registry import release_digest
from reports.context import LETTER_STATUSES, recipient_default_for
from reports.knowledge import knowledge_full, knowledge_get
from reports.models import DeliveryStatus, DocumentDelivery, DocumentJob, GeneratedDocument, JobStatus


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: GeneratedDocument
    recipient: str  # the addressee's label, "Patient" for a plan
    deliveries: tuple[DocumentDelivery, ...] = ()


@dataclass(frozen=True, slots=True)
class ExamDocuments:
    """What the documents panel of an exam shows: the versions so far and the letter's recipient choice."""

    exam: Exam
    items: tuple[DocumentRow, ...]
    can_generate: bool
    recipients: tuple[ReferralTarget, ...]
    recipient_default: str
    jobs: tuple[DocumentJob, ...] = ()  # being prepared, or failed since the last document of their kind

    @property
    def pending(self) -> bool:
        """True while anything is being prepared or sent: the panel keeps polling until it is not."""
        return any(job.pending and not job.stale for job in self.jobs) or any(
            d.status == DeliveryStatus.SENDING for row in self.items for d in row.deliveries
        )


@dataclass(frozen=True, slots=True)
class ExamDocumentGroup:
    """One exam's documents on the patient page: what was generated from it and how each was sent."""

    exam: Exam
    items: tuple[DocumentRow, ...]


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
    documents = tuple(document_list(clinic=clinic, exam=exam).prefetch_related(_deliveries()))
    if not (can_generate or documents):
        return ExamDocuments(exam, (), False, (), "")
    protocol, care = knowledge_get(exam.protocol_code, exam.protocol_version)
    targets = care.referral_targets
    rows = tuple(_row(document, targets) for document in documents)
    recipients = tuple(targets.values()) if can_generate else ()
    default = recipient_default_for(exam=exam, protocol=protocol, care=care) if can_generate else ""
    return ExamDocuments(exam, rows, can_generate, recipients, default, _open_jobs(clinic, exam, documents))


def patient_documents(*, clinic: Clinic, patient: Patient) -> tuple[ExamDocumentGroup, ...]:
    """Return every document of the clinic's patient, grouped by exam, newest exam first, newest document first.

    Two queries whatever the number of exams and documents: the documents with their exams, authors and their
    release's digest (so the recipient words come from the per-release cache), then all their deliveries.
    """
    documents = (
        GeneratedDocument.objects.filter(clinic=clinic, exam__clinic=clinic, exam__patient=patient)
        .defer("content")
        .select_related("exam", "generated_by")
        .annotate(release=release_digest(OuterRef("exam__protocol_code"), OuterRef("exam__protocol_version")))
        .prefetch_related(_deliveries())
        .order_by("-exam__started_at", "-exam__id", "-generated_at", "-id")
    )
    groups: dict[int, tuple[Exam, list[DocumentRow]]] = {}
    for document in documents:
        exam = document.exam
        targets = knowledge_full(exam.protocol_code, exam.protocol_version, document.release)[1].referral_targets
        groups.setdefault(exam.pk, (exam, []))[1].append(_row(document, targets))
    return tuple(ExamDocumentGroup(exam, tuple(rows)) for exam, rows in groups.values())


def _row(document: GeneratedDocument, targets: Mapping[str, ReferralTarget]) -> DocumentRow:
    """A letter is addressed to its recipient in the words of the exam's release; a plan to the patient."""
    label = targets[document.recipient].label if document.recipient in targets else "Patient"
    return DocumentRow(document, label, tuple(document.deliveries.all()))


def _deliveries() -> Prefetch[Literal["deliveries"]]:
    return Prefetch("deliveries", queryset=DocumentDelivery.objects.select_related("sent_by").order_by("-created_at"))


def _open_jobs(clinic: Clinic | None, exam: Exam, documents: tuple[GeneratedDocument, ...]) -> tuple[DocumentJob, ...]:
    """Jobs still being prepared, and failures newer than the last document of their kind (older ones are moot)."""
    newest: dict[str, dt.datetime] = {}
    for document in documents:
        newest.setdefault(document.kind, document.generated_at)
    jobs = DocumentJob.objects.filter(clinic=clinic, exam=exam).exclude(status=JobStatus.READY)[:10]
    return tuple(job for job in jobs if job.pending or job.kind not in newest or job.requested_at > newest[job.kind])


def job_get(*, clinic: Clinic | None, pk: int | str) -> DocumentJob:
    """Return the clinic's document job `pk`, or raise Http404 (also for another clinic's job)."""
    try:
        jobs = DocumentJob.objects.select_related("exam", "document").defer("document__content")
        return jobs.get(clinic=clinic, pk=pk)
    except (DocumentJob.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document request in your clinic.") from None


def delivery_get(*, clinic: Clinic | None, pk: int | str) -> DocumentDelivery:
    """Return the clinic's delivery `pk`, or raise Http404."""
    try:
        return DocumentDelivery.objects.select_related("document").get(clinic=clinic, pk=pk)
    except (DocumentDelivery.DoesNotExist, ValueError, TypeError):
        raise Http404("No such sending in your clinic.") from None
