"""Every PDF that left the clinic, kept byte for byte so a re-download is identical to what was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

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
