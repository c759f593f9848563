"""One guided exam of one patient, pinned to the protocol version it was recorded under.

Every answer row carries the exam revision at which it was last written, so a stale tablet is refused only
when the very answer it changes moved on since it last looked (optimistic concurrency, no silent overwrite).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from clinics.models import Clinic
from patients.models import Patient


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    SIGNED = "signed", "Signed"


class Result(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"
    EQUIVOCAL = "equivocal", "Equivocal"
    NOT_TESTED = "not_tested", "Not tested"


class Onset(models.TextChoices):
    SUDDEN = "sudden", "Sudden"
    GRADUAL = "gradual", "Gradual"


class Exam(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="exams")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="exams")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exams")
    protocol_code = models.SlugField(max_length=50)
    protocol_version = models.CharField(max_length=20)
    affected_side = models.CharField(max_length=5, choices=Side, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.IN_PROGRESS)
    current_step = models.SlugField(max_length=50, blank=True, help_text="Where to resume.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change, for concurrency.")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A clinic lead who co-signed after the examining clinician signed.",
    )
    assessment = models.JSONField(null=True, blank=True, help_text="Engine output stored at completion.")
    engine_diagnosis = models.CharField(max_length=50, blank=True)
    final_diagnosis = models.CharField(max_length=50, blank=True)
    override_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            # The trailing columns cover the dashboard's reads (its stale counts, per-member open and unsigned
            # counts, and medians), so they are answered from the index without visiting the wide exam rows.
            models.Index(
                fields=["clinic", "status", "started_at", "completed_at", "clinician"], name="exam_clinic_status"
            ),
            models.Index(fields=["patient", "status"]),
            # The lead's dashboard counts each clinic's exams by when they started, completed and were signed.
            models.Index(fields=["clinic", "started_at"], name="exam_clinic_started"),
            models.Index(
                fields=["clinic", "completed_at", "status", "clinician", "started_at"], name="exam_clinic_completed"
            ),
            models.Index(fields=["clinic", "signed_at", "status", "started_at"], name="exam_clinic_signed"),
            models.Index(fields=["clinic", "clinician", "started_at"], name="exam_clinic_clinician_started"),
        ]
        constraints = [
            # Two tablets starting an exam for the same patient must end up on the same open exam.
            models.UniqueConstraint(
                fields=["patient"], condition=models.Q(status="in_progress"), name="one_open_exam_per_patient"
            )
        ]

    def __str__(self) -> str:
        return f"Exam {self.pk} of {self.patient} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("exams:exam-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == Status.IN_PROGRESS


class AnswerRow(models.Model):
    """The columns every saved answer shares (abstract): its exam and the exam version that last wrote it.

    One row per answer; `exams.selectors.ExamAnswers` is all of an exam's rows, gathered for the screens.
    """

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE)
    revision = models.PositiveIntegerField(default=1, help_text="Exam version at which this was last written.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RedFlagAnswer(AnswerRow):
    code = models.CharField(max_length=50)
    present = models.BooleanField()

    class Meta:
        default_related_name = "red_flag_answers"
        constraints = [models.UniqueConstraint(fields=["exam", "code"], name="red_flag_answer_once")]
        # Present flags are few: the dashboard's "has a red flag" test probes this small index once per exam.
        indexes = [models.Index(fields=["exam"], condition=models.Q(present=True), name="red_flag_present")]

    def __str__(self) -> str:
        return f"{self.code}: {'yes' if self.present else 'no'}"


class PainRegionMark(AnswerRow):
    region = models.CharField(max_length=50)
    side = models.CharField(max_length=5, choices=Side)

    class Meta:
        default_related_name = "pain_regions"
        constraints = [models.UniqueConstraint(fields=["exam", "region", "side"], name="pain_region_once")]

    def __str__(self) -> str:
        return f"{self.region} ({self.side})"


class SymptomMark(AnswerRow):
    code = models.CharField(max_length=50)

    class Meta:
        default_related_name = "symptoms"
        constraints = [models.UniqueConstraint(fields=["exam", "code"], name="symptom_once")]

    def __str__(self) -> str:
        return self.code


class Finding(AnswerRow):
    maneuver = models.CharField(max_length=50)
    side = models.CharField(max_length=5, choices=Side, blank=True, help_text="Blank for unsided maneuvers.")
    result = models.CharField(max_length=20, choices=Result)
    familiar_pain = models.BooleanField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        default_related_name = "findings"
        constraints = [models.UniqueConstraint(fields=["exam", "maneuver", "side"], name="finding_once")]

    def __str__(self) -> str:
        side = f" {self.side}" if self.side else ""
        return f"{self.maneuver}{side}: {self.result}"


def _score(name: str) -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)], help_text=f"{name}, 0-10."
    )


class ExamHistory(models.Model):
    """The patient's story at this exam (onset, pain, function, treatment): one row, written field by field.

    `revisions` holds, per field, the exam version it was last written at, so two tablets editing different
    fields never conflict, and a stale edit of the same field is refused as for every other answer.
    """

    exam = models.OneToOneField(Exam, on_delete=models.CASCADE, related_name="history")
    onset = models.CharField(max_length=10, choices=Onset, blank=True)
    mechanism = models.CharField(max_length=300, blank=True)
    onset_date = models.DateField(null=True, blank=True)
    onset_weeks = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(2600)])
    pain_now = _score("Pain now")
    pain_worst = _score("Pain at worst")
    aggravating = models.TextField(max_length=1000, blank=True)
    easing = models.TextField(max_length=1000, blank=True)
    activity_1 = models.CharField(max_length=100, blank=True)
    activity_1_score = _score("Patient-specific functional scale, activity 1")
    activity_2 = models.CharField(max_length=100, blank=True)
    activity_2_score = _score("Patient-specific functional scale, activity 2")
    treatment = models.TextField(max_length=1000, blank=True)
    medication = models.TextField(max_length=1000, blank=True)
    relevant_history = models.TextField(max_length=2000, blank=True)
    revisions = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "exam histories"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__lte": 10}) | models.Q(**{f"{name}__isnull": True}),
                name=f"history_{name}_0_10",
            )
            for name in ("pain_now", "pain_worst", "activity_1_score", "activity_2_score")
        ]

    def __str__(self) -> str:
        return f"History of exam {self.exam_id}"


class Addendum(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum to exam {self.exam_id} by {self.author}"
