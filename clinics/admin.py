from django.contrib import admin

from clinics.models import Clinic, Membership


class MembershipInline(admin.TabularInline[Membership, Clinic]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin[Clinic]):
    list_display = ["name", "phone", "paper_size"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "clinic", "role"]
    list_filter = ["role", "clinic"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "clinic__name"]
    autocomplete_fields = ["user", "clinic"]
