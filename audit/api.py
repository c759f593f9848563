"""GET /api/v1/audit-events: a clinic's trail for its leads, paginated, filterable by patient."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView

from audit.access import IsClinicLead
from audit.forms import TrailFilterForm
from audit.models import Action, AuditEvent
from audit.selectors import event_list
from clinics.models import Clinic


class AuditEventOutput(serializers.ModelSerializer[AuditEvent]):
    user = serializers.CharField(source="username")
    patient = serializers.IntegerField(source="patient_id", allow_null=True)

    class Meta:
        model = AuditEvent
        fields = ["at", "user", "action", "object_type", "object_id", "patient", "client_address", "detail"]


def _filter_schemas() -> list[tuple[str, dict[str, object], str]]:
    """Document the API's filters with the limits the shared form enforces (one source for both)."""
    fields = TrailFilterForm.base_fields
    patient, user = fields["patient"], fields["user"]
    return [
        (
            "patient",
            {"type": "integer", "minimum": patient.min_value, "maximum": patient.max_value},  # type: ignore[attr-defined]
            "Only this patient's events (your clinic's patient, or one it erased).",
        ),
        ("user", {"type": "string", "maxLength": user.max_length}, "Only this user's events."),  # type: ignore[attr-defined]
        ("action", {"type": "string", "enum": Action.values}, "Only this action."),
        ("since", {"type": "string", "format": "date"}, "Only events on or after this day (YYYY-MM-DD)."),
        ("until", {"type": "string", "format": "date"}, "Only events on or before this day (YYYY-MM-DD)."),
    ]


FILTERS = _filter_schemas()


class AuditEventListApi(ListAPIView[AuditEvent]):
    permission_classes = [IsClinicLead]
    serializer_class = AuditEventOutput

    @extend_schema(parameters=[OpenApiParameter(name, schema, description=words) for name, schema, words in FILTERS])
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        clinic = self.request.clinic  # type: ignore[attr-defined]  # set by IsClinicMember (ClinicApiRequest)
        form = TrailFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
        filters = form.trail_filter()
        if filters.patient_id is not None and not _known_patient(clinic, filters.patient_id):
            raise Http404("No such patient.")
        return event_list(clinic=clinic, filters=filters)


def _known_patient(clinic: Clinic, patient_id: int) -> bool:
    """This clinic's patient, or one it erased (its events stay); another clinic's patient is not found."""
    from patients.models import Patient

    if Patient.objects.filter(clinic=clinic, pk=patient_id).exists():
        return True
    return AuditEvent.objects.filter(clinic_id=clinic.pk, patient_id=patient_id).exists()
