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


class Count(models.Model):
    """What every count table holds: one figure's count of a clinic, in one bar (`key`), over some stretch."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    figure = models.CharField(max_length=20)
    key = models.CharField(max_length=60, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DayCount(Count):
    """What both daily tables hold: one figure's count on one local day of a clinic, in one bar (`key`)."""

    day = models.DateField()

    class Meta:
        abstract = True


class DailyCount(DayCount):
    """How many of a clinician's exams one figure counted on one local day, kept so figures do not scan exams.

    `figure` is what is counted (dashboard.counts names them) and `key` the bar it falls in (a diagnosis, a
    protocol version, a maneuver group; "" for plain counts). The rows are written in the transaction of each
    exam start, completion and signature (exams.signals), subtracted when an exam is erased, and can be rebuilt
    from the exams at any time (dashboard.counts.counts_rebuild, which the data migration ran).
    """

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "day", "figure", "key", "clinician"], name="daily_count_one")
        ]
        # The same columns and the count: a period's figures are read from the index alone; figure first too, for
        # the reads of one or two figures over a long period (two years: a tenth of the rows, bench/dashboard_profile).
        indexes = [
            models.Index(fields=["clinic", "day", "figure", "key", "clinician", "n"], name="daily_count_read"),
            models.Index(fields=["clinic", "figure", "day", "key", "clinician", "n"], name="daily_count_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.figure}:{self.key} = {self.n}"


class DailyClinicCount(DayCount):
    """DailyCount summed over the clinic's clinicians: what the page reads when no clinician is chosen.

    A busy clinic fills a row per clinician for most figures and days, so the whole team's period read six
    times the rows (six clinicians) for the same sums. Written in the same upsert as DailyCount, so the two
    always agree (tests/dashboard/test_daily_counts.py checks it).
    """

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "day", "figure", "key"], name="daily_clinic_count_one")
        ]
        indexes = [
            models.Index(fields=["clinic", "day", "figure", "key", "n"], name="daily_clinic_count_read"),
            models.Index(fields=["clinic", "figure", "day", "key", "n"], name="daily_clinic_count_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.figure}:{self.key} = {self.n}"


class MonthCount(Count):
    """What both monthly tables hold: one figure's count in one local month of a clinic (`month`: its first day).

    The day rows of two years are some 700 per figure and bar, so a long period's page summed them all (on
    SQLite 1.86x from 1k to 100k exams, bench/dashboard_bench.py): a long period reads its whole months here and
    only its partial first and last months from the day rows (dashboard.sums). The month rows are the day rows'
    sums, written from the same increments in the same upsert (dashboard.counts.counts_apply) and rebuilt with
    them (counts_rebuild), so they cannot disagree.
    """

    month = models.DateField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.figure}:{self.key} = {self.n}"


class MonthlyCount(MonthCount):
    """DailyCount summed over each local month: a clinician's figures over long periods."""

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "month", "figure", "key", "clinician"], name="monthly_count_one")
        ]
        indexes = [
            models.Index(fields=["clinic", "month", "figure", "key", "clinician", "n"], name="monthly_count_read")
        ]


class MonthlyClinicCount(MonthCount):
    """DailyClinicCount summed over each local month: the whole team's figures over long periods."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "month", "figure", "key"], name="monthly_clinic_count_one")
        ]
        indexes = [models.Index(fields=["clinic", "month", "figure", "key", "n"], name="monthly_clinic_count_read")]


class RedFlagExam(models.Model):
    """An exam with at least one red flag answered "present", kept so the dashboard reads only those exams.

    Red-flag exams are a few in a hundred: found through the answer table, the page probed every exam of the
    period (4,100 at 100k exams against 41 at 1k, bench/dashboard_bench.py). A row is added or removed in the
    transaction of the answer that turns the exam's first flag on or its last one off (exams.signals.
    exam_red_flagged), goes with its exam, and dashboard.red_flags.red_flags_rebuild recomputes them all.
    Clinic, clinician and start are the exam's (fixed at its start), copied so the period is read from one index.
    """

    exam = models.OneToOneField(Exam, on_delete=models.CASCADE, primary_key=True, related_name="red_flag_mark")
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    # Whether a referral letter was produced and the referral recorded as made, kept as each is stored, so the
    # outstanding red flags are counted and sorted from the marks and not probed exam by exam.
    letter = models.BooleanField(default=False)
    made = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["clinic", "started_at", "clinician", "made", "letter"], name="red_flag_exam_reads")
        ]

    def __str__(self) -> str:
        return f"Red flag in exam {self.exam_id}"
