"""Reading the trail: always within one clinic, newest first, optionally narrowed by the lead's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from audit.models import AuditEvent
from clinics.models import Clinic


@dataclass(frozen=True)
class TrailFilter:
    patient_id: int | None = None
    username: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def event_list(*, clinic: Clinic, filters: TrailFilter | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(clinic_id=clinic.pk)
    f = filters or TrailFilter()
    if f.patient_id is not None:
        events = events.filter(patient_id=f.patient_id)
    if f.username:
        events = events.filter(username=f.username)
    if f.action:
        events = events.filter(action=f.action)
    if f.since:
        events = events.filter(at__date__gte=f.since)
    if f.until:
        events = events.filter(at__date__lte=f.until)
    return events.order_by("-at", "-id")
