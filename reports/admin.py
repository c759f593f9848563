"""Operator view of the documents that left the clinic: read-only, so what was sent stays what is stored."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reports.models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin[GeneratedDocument]):
    list_display = ["id", "kind", "number", "exam", "clinic", "recipient", "generated_by", "generated_at", "size"]
    list_filter = ["kind", "clinic"]
    search_fields = ["exam__patient__identifier", "sha256"]
    list_select_related = ["exam__patient", "clinic", "generated_by"]
    exclude = ["content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
