"""Background work of the documents, run by the task worker (`manage.py db_worker`): render, and send by email.

Each task takes the id of a row that already says what to do (DocumentJob, DocumentDelivery) and records the
outcome on it, so the page that polls the row always tells the truth, also after a crash mid-task.
"""

from __future__ import annotations

from django.tasks import task

from reports.mail import delivery_run
from reports.rendering import job_run


@task()
def render_document(job_id: int) -> str:
    """Render and store the job's document; the job records ready or the reason it failed."""
    return job_run(job_id)


@task()
def send_document(delivery_id: int) -> str:
    """Email the stored PDF of a delivery; the delivery records sent or the reason it failed."""
    return delivery_run(delivery_id)
