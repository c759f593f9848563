from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from protocols.models import ProtocolVersion


@admin.register(ProtocolVersion)
class ProtocolVersionAdmin(admin.ModelAdmin[ProtocolVersion]):
    """Released knowledge is read-only: new knowledge ships as a new version file, never as an edit."""

    list_display = ["code", "version", "title", "loaded_at", "sha256"]
    list_filter = ["code"]
    search_fields = ["code", "version", "title"]
    readonly_fields = ["code", "version", "title", "definition", "care", "sha256", "loaded_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ProtocolVersion | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ProtocolVersion | None = None) -> bool:
        return False
