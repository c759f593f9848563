"""Who works where, in which role: every object a user sees hangs off their one clinic."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PaperSize(models.TextChoices):
    A4 = "A4", "A4"
    LETTER = "Letter", "US Letter"


class Role(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    CLINIC_LEAD = "clinic_lead", "Clinic lead"


class InvitationStatus(models.TextChoices):
    """Where the last set-password email stands, as the task worker recorded it (the team page shows failures)."""

    NONE = "", "None sent"
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Clinic(models.Model):
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True, help_text="Printed on letters as the clinic's reply address.")
    logo = models.ImageField(upload_to="clinic-logos/", blank=True)
    paper_size = models.CharField(max_length=10, choices=PaperSize, default=PaperSize.A4)
    national_id_label = models.CharField(
        "national identifier label",
        max_length=60,
        blank=True,
        help_text='What the patient form calls the national identifier, e.g. "NHS number".',
    )
    copy_letters_to_patient = models.BooleanField(
        default=False, help_text="Send the patient a copy of every referral letter."
    )
    require_two_factor = models.BooleanField(default=False, help_text="Every member must set up two-factor sign-in.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.CLINICIAN)
    profession = models.CharField(max_length=80, default="Physiotherapist")
    registration_number = models.CharField(
        max_length=40, blank=True, help_text="Professional registration (e.g. HCPC PH12345); printed on letters."
    )
    password_change_required = models.BooleanField(
        default=False, help_text="Signed in with a one-time password: must choose their own before anything else."
    )
    invitation_status = models.CharField(max_length=10, choices=InvitationStatus, blank=True, default="")
    invitation_at = models.DateTimeField(null=True, blank=True, help_text="When the invitation status last changed.")

    class Meta:
        ordering = ["clinic", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.clinic})"

    @property
    def is_lead(self) -> bool:
        return self.role == Role.CLINIC_LEAD
