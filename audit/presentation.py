"""Rows for the trail tables: each event with its patient's display name (one query per page)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from audit.models import AuditEvent
from clinics.models import Clinic


@dataclass(frozen=True)
class TrailRow:
    event: AuditEvent
    patient_label: str


def events_with_patients(events: Iterable[AuditEvent], clinic: Clinic) -> list[TrailRow]:
    from patients.models import Patient

    rows = list(events)
    ids = {event.patient_id for event in rows if event.patient_id}
    names = {
        pk: f"{given} {family} ({identifier})"
        for pk, given, family, identifier in Patient.objects.filter(clinic=clinic, pk__in=ids).values_list(
            "pk", "given_name", "family_name", "identifier"
        )
    }
    return [
        TrailRow(event, names.get(event.patient_id, f"erased patient #{event.patient_id}") if event.patient_id else "")
        for event in rows
    ]
