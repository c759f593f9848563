"""An archived patient: hidden from every list, kept until the retention period ends, then erasable."""

from __future__ import annotations

from django.db import models


class PatientArchive(models.Model):
    patient = models.OneToOneField("patients.Patient", on_delete=models.CASCADE, related_name="archive")
    archived_at = models.DateTimeField()
    archived_by_id = models.BigIntegerField(null=True, help_text="User id, kept even if the user is deleted.")
    reason = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Patient {self.patient_id} archived {self.archived_at:%Y-%m-%d}"
