"""`{% patient_trail patient %}`: the latest events about one patient, shown to clinic leads only."""

from __future__ import annotations

from typing import Any

from django import template

from audit.presentation import events_with_patients
from audit.selectors import TrailFilter, event_list

register = template.Library()
LATEST = 20


@register.inclusion_tag("audit/_patient_trail.html", takes_context=True)
def patient_trail(context: dict[str, Any], patient: Any) -> dict[str, Any]:
    membership = context.get("membership")
    if membership is None or not membership.is_lead or membership.clinic_id != patient.clinic_id:
        return {"show": False}
    events = event_list(clinic=membership.clinic, filters=TrailFilter(patient_id=patient.pk))[:LATEST]
    return {"show": True, "rows": events_with_patients(events, membership.clinic), "patient": patient}
