"""Where each role starts: a lead on the dashboard, a clinician on the patient list."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from clinics.access import ClinicRequest


@require_GET
def home(request: ClinicRequest) -> HttpResponse:
    membership = getattr(request, "membership", None)
    if membership is not None and membership.is_lead:
        return redirect("dashboard:dashboard")
    return redirect("patients:patient-list")
