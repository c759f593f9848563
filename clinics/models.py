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


class Clinic(models.Model):
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    logo = models.ImageField(upload_to="clinic-logos/", blank=True)
    paper_size = models.CharField(max_length=10, choices=PaperSize, default=PaperSize.A4)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.CLINICIAN)

    class Meta:
        ordering = ["clinic", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.clinic})"

    @property
    def is_lead(self) -> bool:
        return self.role == Role.CLINIC_LEAD
