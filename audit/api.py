"""GET /api/v1/audit-events: a clinic's trail for its leads, paginated, filterable by patient."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView

from audit.access import IsClinicLead
from audit.forms import TrailFilterForm
from audit.models import AuditEvent
from audit.selectors import event_list
from clinics.models import Clinic


class AuditEventOutput(serializers.ModelSerializer[AuditEvent]):
    user = serializers.CharField(source="username")
    patient = serializers.IntegerField(source="patient_id", allow_null=True)

    class Meta:
        model = AuditEvent
        fields = ["at", "user", "action", "object_type", "object_id", "patient", "client_address", "detail"]


class AuditEventListApi(ListAPIView[AuditEvent]):
    permission_classes = [IsClinicLead]
    serializer_class = AuditEventOutput

    @extend_schema(
        parameters=[
            OpenApiParameter("patient", int, description="Only this patient's events (your clinic's patient)."),
            OpenApiParameter("user", str, description="Only this user's events."),
            OpenApiParameter("action", str, description="Only this action."),
        ]
    )
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
