"""Operator view of exams: read-only, because a clinical record is changed only through the exam's own rules."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from exams.models import Addendum, Exam, Finding, PainRegionMark, RedFlagAnswer, SymptomMark


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [str(name) for name in self.fields or []]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RedFlagInline(ReadOnlyInline):
    model = RedFlagAnswer
    fields = ["code", "present", "revision"]


class PainRegionInline(ReadOnlyInline):
    model = PainRegionMark
    fields = ["region", "side", "revision"]


class SymptomInline(ReadOnlyInline):
    model = SymptomMark
    fields = ["code", "revision"]


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["maneuver", "side", "result", "familiar_pain", "note", "revision"]


class AddendumInline(ReadOnlyInline):
    model = Addendum
    fields = ["author", "text", "created_at"]


@admin.register(Exam)
class ExamAdmin(admin.ModelAdmin[Exam]):
    list_display = ["id", "patient", "clinic", "clinician", "status", "final_diagnosis", "started_at"]
    list_filter = ["status", "clinic", "protocol_version", "final_diagnosis"]
    search_fields = ["patient__identifier", "patient__family_name", "clinician__username"]
    list_select_related = ["patient", "clinic", "clinician"]
    date_hierarchy = "started_at"
    inlines = [RedFlagInline, PainRegionInline, SymptomInline, FindingInline, AddendumInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
