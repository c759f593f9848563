import pytest

from exams.models import Addendum, Exam, Status
from tests.exams.conftest import exam_url
from tests.exams.helpers import red_flags_answer_all


@pytest.fixture
def screened(exam):
    red_flags_answer_all(exam)
    return exam


def test_start_from_the_patient_page_opens_the_first_step(client_clinician, patient):
    response = client_clinician.post(f"/exams/start/{patient.pk}/")

    exam = Exam.objects.get(patient=patient)
    assert response.status_code == 302
    assert response["Location"] == exam_url("exam-step", exam, "red_flags")


def test_start_again_resumes_the_open_exam_on_its_step(client_clinician, exam, patient):
    exam.current_step = "hamstring"
    exam.save()

    response = client_clinician.post(f"/exams/start/{patient.pk}/")

    assert response["Location"] == exam_url("exam-step", exam, "hamstring")
    assert Exam.objects.count() == 1


def test_outsider_cannot_start_an_exam_for_another_clinics_patient(client_outsider, patient):
    assert client_outsider.post(f"/exams/start/{patient.pk}/").status_code == 404
    assert not Exam.objects.exists()


def test_complete_confirming_the_working_diagnosis(client_clinician, screened):
    response = client_clinician.post(exam_url("exam-complete", screened), {"version": 1, "confirm": "yes"})

    assert response.status_code == 302
    screened.refresh_from_db()
    assert screened.status == Status.COMPLETED
    assert screened.assessment["protocol"]["version"] == "1.0.0"


def test_override_without_reason_is_400_and_keeps_the_choice(client_clinician, screened):
    response = client_clinician.post(
        exam_url("exam-complete", screened),
        {"final_diagnosis": "sij_pain", "override_reason": "", "version": 1, "confirm": "yes"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the reason for a final diagnosis" in html
    assert '<option value="sij_pain" selected>' in html
    screened.refresh_from_db()
    assert screened.status == Status.IN_PROGRESS


def test_complete_with_unanswered_red_flags_is_400(client_clinician, exam):
    response = client_clinician.post(exam_url("exam-complete", exam), {"version": 1, "confirm": "yes"})

    assert response.status_code == 400
    assert "Answer every red-flag question first" in response.content.decode()


def test_complete_sign_and_addendum_through_the_pages(client_clinician, screened):
    client_clinician.post(
        exam_url("exam-complete", screened),
        {"final_diagnosis": "gluteal_tendinopathy", "override_reason": "Classic lateral hip story.", "confirm": "yes"},
    )
    assert client_clinician.post(exam_url("exam-sign", screened)).status_code == 302
    response = client_clinician.post(exam_url("addendum-add", screened), {"text": "Phoned: improving."})

    assert response.status_code == 302
    screened.refresh_from_db()
    assert screened.status == Status.SIGNED
    html = client_clinician.get(exam_url("exam-step", screened, "summary")).content.decode()
    assert "Phoned: improving." in html
    assert "Classic lateral hip story." in html
    assert "Complete exam" not in html


def test_signing_twice_is_409(client_clinician, screened):
    client_clinician.post(exam_url("exam-complete", screened), {"confirm": "yes"})
    client_clinician.post(exam_url("exam-sign", screened))

    response = client_clinician.post(exam_url("exam-sign", screened))

    assert response.status_code == 409
    assert "already signed" in response.content.decode()


def test_signed_exam_cannot_be_completed_again(client_clinician, screened):
    client_clinician.post(exam_url("exam-complete", screened), {"confirm": "yes"})
    client_clinician.post(exam_url("exam-sign", screened))

    response = client_clinician.post(
        exam_url("exam-complete", screened), {"final_diagnosis": "sij_pain", "override_reason": "changed mind"}
    )

    assert response.status_code == 409
    screened.refresh_from_db()
    assert screened.final_diagnosis != "sij_pain"


def test_addendum_before_signing_is_400(client_clinician, screened):
    response = client_clinician.post(exam_url("addendum-add", screened), {"text": "Too early."})

    assert response.status_code == 400
    assert not Addendum.objects.exists()


@pytest.mark.parametrize("name", ["exam-complete", "exam-sign", "addendum-add"])
def test_outsider_gets_404(client_outsider, screened, name):
    assert client_outsider.post(exam_url(name, screened), {"text": "x"}).status_code == 404


@pytest.mark.parametrize("name", ["exam-complete", "exam-sign", "addendum-add"])
def test_anonymous_is_sent_to_sign_in(client, screened, name):
    assert client.post(exam_url(name, screened), {"text": "x"}).status_code == 302
