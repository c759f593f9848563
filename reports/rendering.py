"""The worker's side of a document job: render, store, and record on the job what happened.

Kept apart from reports/jobs.py (the request side, which enqueues reports.tasks.render_document) so the task module
can import this one at the top without the two importing each other.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from core.errors import DomainError
from reports.models import DocumentJob, JobStatus
from reports.services import document_generate_outcome

logger = logging.getLogger(__name__)
RENDER_FAILED = "The PDF could not be prepared because of a problem on our side; nothing was stored. Try again."


def job_run(job_id: int) -> str:
    """The worker's side: render, store, and record the outcome on the job (never raises for a domain refusal)."""
    job = DocumentJob.objects.select_related("exam", "requested_by").get(pk=job_id)
    if job.status in (JobStatus.READY, JobStatus.FAILED):  # done, or a stale duplicate of a retried job
        return job.status
    DocumentJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=job.attempts + 1)
    try:
        outcome = document_generate_outcome(
            exam=job.exam, kind=job.kind, user=job.requested_by, recipient=job.recipient or None
        )
    except DomainError as error:
        _finish(job, JobStatus.FAILED, error=error.message)
    except Exception:
        logger.exception("Rendering job %s failed", job.pk)
        _finish(job, JobStatus.FAILED, error=RENDER_FAILED)
    else:
        _finish(job, JobStatus.READY, document_id=outcome.document.pk)
    return DocumentJob.objects.values_list("status", flat=True).get(pk=job.pk)


def _finish(job: DocumentJob, status: str, *, error: str = "", document_id: int | None = None) -> None:
    DocumentJob.objects.filter(pk=job.pk).update(
        status=status, error=error, document_id=document_id, finished_at=timezone.now()
    )
