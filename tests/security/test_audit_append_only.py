"""The database itself refuses to change or delete an audit event (triggers from migration 0002)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.services import event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(clinician):
    return event_record(Action.VIEW, "patient", 1, user=clinician, patient_id=1)


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_auditevent SET action = 'view', username = 'x'", "DELETE FROM audit_auditevent"]
)
def test_raw_update_and_delete_fail_in_the_database(event, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).username == "alice"


def test_the_orm_cannot_edit_or_delete_either(event):
    event.username = "someone else"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk, username="alice").exists()
