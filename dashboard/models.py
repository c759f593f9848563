"""The one fact the dashboard needs that no other app records: a red-flag referral was actually made."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from exams.models import Exam


class ReferralMade(models.Model):
    """A lead's (or clinician's) note that the urgent referral an exam called for has been made."""

    exam = models.OneToOneField(Exam, on_delete=models.CASCADE, related_name="referral_made")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True, help_text="Where to, how (phone, e-mail), reference.")

    def __str__(self) -> str:
        return f"Referral made for exam {self.exam_id}"
