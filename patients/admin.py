from django.contrib import admin

from patients.models import Patient


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["identifier", "family_name", "given_name", "date_of_birth", "clinic", "updated_at"]
    list_filter = ["clinic"]
    search_fields = ["identifier", "national_id", "given_name", "family_name"]
    list_select_related = ["clinic"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    autocomplete_fields = ["clinic"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Record who changed the row here too, as the services do for the pages and the API.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
