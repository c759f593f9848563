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


class DailyCount(models.Model):
    """How many of a clinician's exams one figure counted on one local day, kept so figures do not scan exams.

    `figure` is what is counted (dashboard.counts names them) and `key` the bar it falls in (a diagnosis, a
    protocol version, a maneuver group; "" for plain counts). The rows are written in the transaction of each
    exam start, completion and signature (exams.signals), subtracted when an exam is erased, and can be rebuilt
    from the exams at any time (dashboard.counts.counts_rebuild, which the data migration ran).
    """

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    figure = models.CharField(max_length=20)
    key = models.CharField(max_length=60, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "day", "figure", "key", "clinician"], name="daily_count_one")
        ]
        # The same columns and the count: a period's figures are read from the index alone.
        indexes = [models.Index(fields=["clinic", "day", "figure", "key", "clinician", "n"], name="daily_count_read")]

    def __str__(self) -> str:
        return f"{self.day} {self.figure}:{self.key} = {self.n}"
