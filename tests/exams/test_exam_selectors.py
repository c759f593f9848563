"""The exam reads every page relies on: one patient's exams, newest first, and nothing of another clinic."""

import datetime as dt

import pytest
from django.http import Http404

from exams.selectors import exam_get, exam_list
from tests.factories import ExamFactory, PatientFactory


def test_one_patients_exams_are_newest_first(patient, clinic):
    older = ExamFactory(patient=patient, status="signed")
    newer = ExamFactory(patient=patient)
    ExamFactory(patient=PatientFactory(clinic=clinic))  # a colleague's patient
    type(older).objects.filter(pk=older.pk).update(started_at=newer.started_at - dt.timedelta(days=3))

    assert list(exam_list(clinic=clinic, patient=patient)) == [newer, older]


def test_another_clinics_exam_is_not_listed_and_not_found(clinic, other_patient):
    foreign = ExamFactory(patient=other_patient)

    assert list(exam_list(clinic=clinic)) == []
    with pytest.raises(Http404):
        exam_get(clinic=clinic, pk=foreign.pk)
