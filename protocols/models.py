"""Released protocol versions, stored whole so an exam is always re-read with the knowledge it was done under."""

from __future__ import annotations

from django.db import models


class ProtocolVersion(models.Model):
    code = models.SlugField(max_length=50)
    version = models.CharField(max_length=20, help_text="Semantic version, e.g. 1.0.0")
    title = models.CharField(max_length=200)
    definition = models.JSONField(help_text="The parsed knowledge file, exactly as released.")
    care = models.JSONField(default=dict, blank=True, help_text="Patient-facing care content of the release.")
    sha256 = models.CharField(max_length=64, help_text="Digest of the source files, to detect edits after release.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-loaded_at"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="protocol_version_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.version}"
