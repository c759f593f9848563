"""One append-only row per read or write of patient data: who, when, what, which patient, from where.

Plain integer columns rather than foreign keys, on purpose: deleting a user or erasing a patient must never
cascade into (or update) the trail, and the database refuses both UPDATE and DELETE (see migration 0002).
"""

from __future__ import annotations

from django.db import models


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    LIST = "list", "Listed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    COMPLETE = "complete", "Completed"
    SIGN = "sign", "Signed"
    COSIGN = "cosign", "Co-signed"
    ADDENDUM = "addendum", "Added an addendum"
    DOWNLOAD = "download", "Downloaded"
    EXPORT = "export", "Exported"
    SEND = "send", "Sent"
    ARCHIVE = "archive", "Archived"
    RESTORE = "restore", "Restored"
    ERASE = "erase", "Erased"
    SIGN_IN = "sign-in", "Signed in"
    SIGN_IN_FAILED = "sign-in-failed", "Sign-in failed"
    SIGN_OUT = "sign-out", "Signed out"
    LOCKED_OUT = "locked-out", "Locked out"
    UNLOCK = "unlock", "Unlocked"
    TOKEN_CREATE = "token-create", "API token issued"
    TOKEN_REVOKE = "token-revoke", "API token revoked"
    TWO_FACTOR = "two-factor", "Two-factor change"


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=20, choices=Action)
    object_type = models.CharField(max_length=30, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    patient_id = models.BigIntegerField(null=True, blank=True)
    clinic_id = models.BigIntegerField(null=True, blank=True)
    user_id = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True, help_text="As it was at the time of the event.")
    client_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=200, blank=True, help_text="Never names or clinical content.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["clinic_id", "at"], name="audit_clinic_at"),
            models.Index(fields=["clinic_id", "patient_id", "at"], name="audit_clinic_patient_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or 'system'} {self.action} {self.object_type}"
