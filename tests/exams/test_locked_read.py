"""The answer views' hand-written locked read: the same exam the ORM reads, scoped to the clinic, and locked."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.http import Http404

from exams.models import Exam, ExamHistory
from exams.selectors import exam_get_for_write
from protocols.models import ProtocolVersion
from tests.factories import ExamFactory, PatientFactory


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.django_db
def test_it_reads_what_the_orm_reads_with_patient_history_and_digest(exam):
    exam.assessment = {"protocol": {"code": "buttock-pain", "version": "1.0.0"}, "stored": True}
    exam.save()
    ExamHistory.objects.create(
        exam=exam, onset="gradual", onset_date=dt.date(2026, 9, 1), pain_now=4, revisions={"onset": 2}
    )
    expected = Exam.objects.select_related("patient", "history").get(pk=exam.pk)

    with transaction.atomic():
        read = exam_get_for_write(clinic=exam.clinic, pk=exam.pk)

    assert _values(read) == _values(expected)  # dates, JSON and booleans come back as Python values
    assert _values(read.patient) == _values(expected.patient)
    assert _values(read.history) == _values(expected.history)
    assert read.history.exam is read
    stored = ProtocolVersion.objects.get(code=exam.protocol_code, version=exam.protocol_version)
    assert read.release_sha256 == stored.sha256
    other = ExamFactory(patient=PatientFactory(clinic=exam.clinic), clinician=exam.clinician)
    with transaction.atomic():
        without = exam_get_for_write(clinic=exam.clinic, pk=other.pk)
    with pytest.raises(Exam.history.RelatedObjectDoesNotExist):
        without.history  # noqa: B018 - no history row yet: as select_related leaves it, and no query to find out


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["other clinic", 0, -1, 2**63, 10**30, "12a"])
def test_another_clinics_exam_or_a_bad_id_is_a_404(exam, other_clinic, pk):
    clinic, pk = (other_clinic, exam.pk) if pk == "other clinic" else (exam.clinic, pk)

    with pytest.raises(Http404), transaction.atomic():
        exam_get_for_write(clinic=clinic, pk=pk)


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_until_the_first_commits(protocol, exam):
    """Two tablets: the second tap's locked read cannot pass the first tap's until that one commits."""
    events: list[str] = []
    started = threading.Event()

    def second_tablet():
        started.set()
        try:
            with transaction.atomic():
                exam_get_for_write(clinic=exam.clinic, pk=exam.pk)
                events.append("second read")
        finally:
            connection.close()

    with transaction.atomic():
        exam_get_for_write(clinic=exam.clinic, pk=exam.pk)
        thread = threading.Thread(target=second_tablet)
        thread.start()
        started.wait(5)
        time.sleep(0.5)
        events.append("first commits")
    thread.join(10)

    assert events == ["first commits", "second read"]
