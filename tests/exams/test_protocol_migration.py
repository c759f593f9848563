"""Migration to 1.1.0 (issue 12.6): new exams start on it, open 1.0.0 exams finish on 1.0.0, leads see which."""

from exams import services
from exams.models import Exam, RedFlagAnswer, Status
from protocols.registry import protocol_get
from tests.exams.conftest import exam_url
from tests.factories import PatientFactory


def test_a_new_exam_starts_on_the_newest_release(clinic, clinician):
    exam, created = services.exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)

    assert created
    assert (exam.protocol_code, exam.protocol_version) == ("buttock-pain", "1.1.0")


def test_an_open_10_exam_is_resumed_and_completed_on_10(client_clinician, exam, patient, clinician):
    # exam (fixture) was started on 1.0.0 before 1.1.0 was released
    resumed, created = services.exam_start(clinic=patient.clinic, patient=patient, clinician=clinician)
    assert (resumed.pk, created) == (exam.pk, False)
    for code in protocol_get("buttock-pain", "1.0.0").red_flags:  # 1.0.0's own ten questions
        RedFlagAnswer.objects.create(exam=exam, code=code, present=False)

    response = client_clinician.post(exam_url("exam-complete", exam), {"version": exam.version, "confirm": "yes"})

    assert response.status_code == 302
    exam.refresh_from_db()
    assert exam.status == Status.COMPLETED
    assert exam.protocol_version == "1.0.0"
    assert exam.assessment["protocol"]["version"] == "1.0.0"


def test_a_lead_sees_each_exams_version_on_the_patient_page_and_the_exam_header(client_lead, exam, patient, clinician):
    Exam.objects.filter(pk=exam.pk).update(status=Status.SIGNED)
    newer, _ = services.exam_start(clinic=patient.clinic, patient=patient, clinician=clinician)

    page = client_lead.get(patient.get_absolute_url()).content.decode()
    header = client_lead.get(exam_url("exam-step", newer, "red_flags")).content.decode()

    assert "Protocol 1.0.0" in page
    assert "Protocol 1.1.0" in page
    assert "protocol buttock-pain 1.1.0" in header
