"""Ask for a document now, get it when the worker has rendered it: the request path only queues the job.

Bad input (unknown kind or recipient, an unfinished exam) is refused at once, before anything is queued, with the
field at fault named. The worker then renders and stores the document through services.document_generate_outcome,
whose single transaction either stores the whole document or nothing; the job records which (reports/rendering.py:
the worker's side, kept apart so the task module imports it while this module imports the task).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from exams.models import Exam
from reports.context import exam_completed_check, recipient_check, treatment_plan_check
from reports.knowledge import knowledge_get
from reports.models import DocumentJob, DocumentKind, JobStatus
from reports.tasks import render_document


def document_request(*, exam: Exam, kind: str, user: User, recipient: str | None = None) -> DocumentJob:
    """Check the request, store a queued job and enqueue its render task in the same transaction."""
    if kind not in DocumentKind.values:
        raise DomainError("kind", f"Unknown document kind {kind!r}: use referral_letter or treatment_plan.")
    exam_completed_check(exam)
    if kind == DocumentKind.TREATMENT_PLAN:
        recipient = None
        treatment_plan_check(exam)
    elif recipient:
        recipient_check(knowledge_get(exam.protocol_code, exam.protocol_version)[1], recipient)
    with transaction.atomic():
        job = DocumentJob.objects.create(
            clinic_id=exam.clinic_id, exam=exam, kind=kind, recipient=recipient or "", requested_by=user
        )
        _enqueue(job)
    return job


def _enqueue(job: DocumentJob) -> None:
    result = render_document.enqueue(job.pk)
    DocumentJob.objects.filter(pk=job.pk).update(task_id=str(result.id))


def job_retry(job: DocumentJob) -> DocumentJob:
    """Queue a failed or stale job again; a job in hand or finished is left as it is."""
    with transaction.atomic():
        locked = DocumentJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED and not locked.stale:
            return locked
        locked.status, locked.error, locked.finished_at = JobStatus.QUEUED, "", None
        locked.requested_at = timezone.now()  # a retry is a new request: staleness counts from here
        locked.save(update_fields=["status", "error", "finished_at", "requested_at"])
        _enqueue(locked)
    return locked
