"""A person on one clinic's registry; the identifier is the clinic's own (MRN, chart number).

Contact details and the GP practice are optional: the letters address the patient's GP from them, and the
national identifier (NHS number, SSN, ...; its name is the clinic's `national_id_label`) finds the patient.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from clinics.models import Clinic


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not recorded"


def validate_not_future(value: object) -> None:
    if value and value > timezone.localdate():  # type: ignore[operator]
        raise ValidationError("Date of birth cannot be in the future.", code="future")


# Digits with the separators people write; at least three digits so "call me" is not a phone number.
validate_phone = RegexValidator(
    r"^\+?(?=(?:\D*\d){3})[\d ().\-/]+(?:\s*(?:ext\.?|x)\s*\d+)?$",
    "Enter a phone number with digits, spaces, +, -, brackets or dots only (for example 01865 000000).",
    code="phone",
)
validate_national_id = RegexValidator(
    r"^[A-Za-z0-9]+$",
    "Use letters and digits only (spaces and hyphens are removed for you).",
    code="national_id",
)


def national_id_normalise(value: str) -> str:
    """Store the identifier without the spaces or hyphens people type, so one search finds every spelling."""
    return "".join(ch for ch in value if ch not in " -").upper()


class Patient(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    identifier = models.CharField(max_length=40, help_text="The clinic's own patient number.")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(validators=[validate_not_future])
    sex = models.CharField(max_length=10, choices=Sex, default=Sex.UNKNOWN)
    national_id = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_national_id],
        help_text="The national identifier (named by the clinic's setting), without spaces.",
    )
    address = models.TextField(blank=True, max_length=500, validators=[MaxLengthValidator(500)])
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(blank=True)
    gp_practice_name = models.CharField(max_length=200, blank=True)
    gp_practice_address = models.TextField(blank=True, max_length=500, validators=[MaxLengthValidator(500)])
    notes = models.TextField(blank=True, max_length=5000, validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "identifier"],
                name="patient_identifier_unique_in_clinic",
                violation_error_message="Another patient in this clinic already has this identifier.",
            ),
            models.UniqueConstraint(
                fields=["clinic", "national_id"],
                condition=~models.Q(national_id=""),
                name="patient_national_id_unique_in_clinic",
                violation_error_message="Another patient in this clinic already has this national identifier.",
            ),
        ]
        indexes = [
            models.Index(fields=["clinic", "family_name", "given_name"]),
            models.Index(fields=["clinic", "national_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.identifier})"

    def get_absolute_url(self) -> str:
        return reverse("patients:patient-detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
