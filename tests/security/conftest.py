"""Security fixtures: the shipped protocol stored, an exam of clinic A's patient, and event look-ups."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from tests.factories import ExamFactory


@pytest.fixture
def exam(protocol, patient, clinician):
    return ExamFactory(patient=patient, clinician=clinician, affected_side="left", current_step="red_flags")


def events(**filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None, "no audit event recorded"
    return event
