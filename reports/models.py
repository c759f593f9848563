"""Every PDF that left the clinic, kept byte for byte so a re-download is identical to what was sent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from clinics.models import Clinic
from exams.models import Exam


class DocumentKind(models.TextChoices):
    REFERRAL_LETTER = "referral_letter", "Referral letter"
    TREATMENT_PLAN = "treatment_plan", "Treatment plan"


class GeneratedDocument(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="documents")
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind)
    number = models.PositiveIntegerField(help_text="Version of this kind of document for this exam.")
    recipient = models.CharField(max_length=50, blank=True, help_text="Referral target code (letters).")
    exam_version = models.PositiveIntegerField(help_text="Exam version the document was rendered from.")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-generated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["exam", "kind", "number"], name="document_number_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number} for exam {self.exam_id}"

    @property
    def filename(self) -> str:
        return f"{self.kind.replace('_', '-')}-exam{self.exam_id}-v{self.number}.pdf"


JOB_STALE_AFTER = dt.timedelta(minutes=5)


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Preparing"
    RUNNING = "running", "Preparing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DocumentJob(models.Model):
    """One request to render a document, run by the task worker: the page shows it until it is ready or failed.

    The document itself is only ever stored whole, by the worker, in one transaction (reports/services.py); a job
    that fails keeps its error message and can be queued again, so a failure never leaves half a document.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="document_jobs")
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="document_jobs")
    kind = models.CharField(max_length=30, choices=DocumentKind)
    recipient = models.CharField(max_length=50, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(
        GeneratedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["exam", "status"], name="document_job_exam_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for exam {self.exam_id}: {self.status}"

    @property
    def pending(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def stale(self) -> bool:
        """Pending for longer than any render takes: the worker is down or died mid-task, so offer a retry."""
        return self.pending and timezone.now() - self.requested_at > JOB_STALE_AFTER


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "Email from the app"
    POST = "post", "Post"
    FAX = "fax", "Fax"
    HAND = "hand", "Handed over"


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class DocumentDelivery(models.Model):
    """Who sent which stored document to whom, how and when: emailed from the app, or recorded as sent another way."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="document_deliveries")
    document = models.ForeignKey(GeneratedDocument, on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField(max_length=10, choices=DeliveryMethod)
    to = models.CharField(max_length=254, help_text="Email address, or who it went to for post, fax or by hand.")
    note = models.CharField(max_length=500, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=DeliveryStatus, default=DeliveryStatus.SENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sha256 = models.CharField(max_length=64, help_text="Digest of the bytes that were sent.")
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "document deliveries"

    def __str__(self) -> str:
        return f"{self.document} {self.get_method_display().lower()} to {self.to}: {self.status}"
