"""Reads of the patient registry, always scoped to one clinic: another clinic's patient does not exist here."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from patients.models import Patient

SEARCH_FIELDS = ("given_name__icontains", "family_name__icontains", "identifier__icontains")


def patient_list(*, clinic: Clinic, query: str = "") -> QuerySet[Patient]:
    """Return the clinic's patients whose names or identifier contain every word of `query`, any case."""
    patients = Patient.objects.filter(clinic=clinic)
    # Each word must match some field, so "jane doe" finds Jane Doe but not every Jane.
    for word in query.split():
        match = Q()
        for lookup in SEARCH_FIELDS:
            match |= Q(**{lookup: word})
        patients = patients.filter(match)
    return patients.order_by("family_name", "given_name", "id")


def patient_get(*, clinic: Clinic, pk: int | str) -> Patient:
    """Return the clinic's patient `pk`, or raise Http404 (also for another clinic's patient)."""
    return clinic_get_or_404(Patient.objects.select_related("clinic"), clinic=clinic, pk=pk)
