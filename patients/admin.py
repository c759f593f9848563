from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.http import HttpRequest

from patients.models import Patient


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin[Patient]):
    list_display = ["identifier", "family_name", "given_name", "date_of_birth", "clinic", "updated_at"]
    list_filter = ["clinic"]
    search_fields = ["identifier", "national_id", "given_name", "family_name"]
    list_select_related = ["clinic"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    autocomplete_fields = ["clinic"]

    def save_model(self, request: HttpRequest, obj: Patient, form: Any, change: bool) -> None:
        # Record who changed the row here too, as the services do for the pages and the API.
        assert isinstance(request.user, User)  # the admin site admits signed-in staff accounts only
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
