"""A lead downloads one patient's record, archives or restores them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest
from patients.models import Patient
from retention.services import patient_archive, patient_restore, record_export


def _lead_patient(request: ClinicRequest, pk: int) -> Patient:
    clinic = request.clinic
    if not request.membership.is_lead:
        raise PermissionDenied("Only a clinic lead can export or archive a patient's record.")
    return get_object_or_404(Patient, clinic=clinic, pk=pk)


@require_GET
def export(request: ClinicRequest, pk: int) -> HttpResponse:
    filename, content = record_export(patient=_lead_patient(request, pk))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def archive(request: ClinicRequest, pk: int) -> HttpResponse:
    patient = _lead_patient(request, pk)
    patient_archive(patient=patient, user=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, f"{patient.full_name} is archived: hidden from lists, kept for the retention period.")
    return redirect("patients:patient-list")


@require_POST
def restore(request: ClinicRequest, pk: int) -> HttpResponse:
    patient = _lead_patient(request, pk)
    patient_restore(patient=patient)
    messages.success(request, f"{patient.full_name} is back on the registry.")
    return redirect(patient)
