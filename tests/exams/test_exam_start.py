import pytest

from core.errors import DomainError
from exams.models import Exam, Status
from exams.services import exam_start
from tests.exams.helpers import release_add
from tests.factories import ExamFactory


def test_start_pins_the_current_protocol_and_begins_at_the_red_flags(clinic, patient, clinician):
    exam, created = exam_start(clinic=clinic, patient=patient, clinician=clinician)

    assert created is True
    assert (exam.protocol_code, exam.protocol_version) == ("buttock-pain", "1.1.0")
    assert (exam.status, exam.current_step, exam.version) == (Status.IN_PROGRESS, "red_flags", 1)


def test_second_start_resumes_the_open_exam(clinic, patient, clinician, colleague):
    first, _ = exam_start(clinic=clinic, patient=patient, clinician=clinician)

    again, created = exam_start(clinic=clinic, patient=patient, clinician=colleague)

    assert created is False
    assert again == first
    assert Exam.objects.filter(patient=patient).count() == 1


def test_a_finished_exam_does_not_block_a_new_one(clinic, patient, clinician):
    ExamFactory(patient=patient, clinician=clinician, status=Status.SIGNED)

    _, created = exam_start(clinic=clinic, patient=patient, clinician=clinician)

    assert created is True


def test_another_clinics_patient_is_refused(clinic, other_patient, clinician):
    with pytest.raises(DomainError):
        exam_start(clinic=clinic, patient=other_patient, clinician=clinician)


def test_new_release_is_used_by_new_exams_only(clinic, patient, clinician, exam):
    release_add("1.2.0")
    exam.status = Status.SIGNED
    exam.save()

    newer, _ = exam_start(clinic=clinic, patient=patient, clinician=clinician)

    assert newer.protocol_version == "1.2.0"
    exam.refresh_from_db()
    assert exam.protocol_version == "1.0.0"
