"""A tap is committed before its answer is drawn, so a crash while responding loses nothing shown as saved."""

import pytest

from exams.models import Finding
from protocols.registry import protocol_versions_sync
from tests.exams.conftest import exam_url, htmx_post
from tests.factories import ExamFactory


@pytest.mark.django_db(transaction=True)
def test_answer_survives_a_crash_while_the_response_is_drawn(client_clinician, patient, clinician, monkeypatch):
    protocol_versions_sync()
    exam = ExamFactory(patient=patient, clinician=clinician)

    def crash(*args, **kwargs):
        raise RuntimeError("server killed while rendering")

    monkeypatch.setattr("exams.views.autosave.fragments", crash)
    with pytest.raises(RuntimeError):
        htmx_post(
            client_clinician,
            exam_url("finding-record", exam),
            {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": "yes", "version": 1},
        )

    assert Finding.objects.get(exam=exam).result == "positive"
    exam.refresh_from_db()
    assert exam.version == 2
