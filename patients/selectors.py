"""Reads of the patient registry, always scoped to one clinic: another clinic's patient does not exist here."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clinics.access import clinic_get_or_404
from clinics.models import Clinic
from patients.models import Patient, national_id_normalise

SEARCH_FIELDS = ("given_name__icontains", "family_name__icontains", "identifier__icontains")
NATIONAL_ID_MIN = 4  # shorter digit runs would match half the registry


def patient_list(*, clinic: Clinic, query: str = "") -> QuerySet[Patient]:
    """Return the clinic's patients whose names or identifier contain every word of `query`, any case.

    The national identifier is matched on the whole query without spaces or hyphens, as it is stored, so
    "943 476 5919" finds 9434765919 however it was typed.
    """
    patients = Patient.objects.filter(clinic=clinic, archive__isnull=True)  # archived: hidden, kept (retention)
    # Each word must match some field, so "jane doe" finds Jane Doe but not every Jane.
    words = Q()
    for word in query.split():
        match = Q()
        for lookup in SEARCH_FIELDS:
            match |= Q(**{lookup: word})
        words &= match
    national = national_id_normalise(query.strip())
    if len(national) >= NATIONAL_ID_MIN:
        words |= Q(national_id__contains=national)
    return patients.filter(words).order_by("family_name", "given_name", "id")


def patient_get(*, clinic: Clinic, pk: int | str) -> Patient:
    """Return the clinic's patient `pk`, or raise Http404 (also for another clinic's patient)."""
    return clinic_get_or_404(Patient.objects.select_related("clinic"), clinic=clinic, pk=pk)
