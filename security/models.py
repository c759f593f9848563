"""API tokens that expire, one per device, stored only as a digest so a database leak yields no usable token."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DeviceToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_tokens")
    device = models.CharField(max_length=100, help_text="The device or integration this token was issued to.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token; the token is not kept.")
    prefix = models.CharField(max_length=8, help_text="First characters, to tell tokens apart.")
    session_key = models.CharField(max_length=40, blank=True, help_text="The web session that asked for it.")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "device"], name="device_token_user_device")]

    def __str__(self) -> str:
        return f"{self.prefix}… for {self.device} ({self.user})"
