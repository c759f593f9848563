import pytest
from django.urls import reverse

from tests.factories import ExamFactory
from tests.reports.scenarios import exam_completed


def _url(patient):
    return reverse("patients:patient-detail", args=[patient.pk])


def test_anonymous_is_sent_to_login(client, patient):
    response = client.get(_url(patient))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_outsider_gets_404(client_outsider, patient):
    assert client_outsider.get(_url(patient)).status_code == 404


def test_unknown_patient_is_404(client_clinician, db):
    assert client_clinician.get("/patients/999999/").status_code == 404


def test_shows_the_patient(client_clinician, patient):
    response = client_clinician.get(_url(patient))

    assert response.status_code == 200
    assert "<h1>Jane Doe</h1>" in response.text
    assert "RP-0001" in response.text
    assert "No exams yet for Jane." in response.text
    assert reverse("patients:patient-edit", args=[patient.pk]) in response.text


def test_lists_the_patients_exams_with_links(client_clinician, patient):
    exam = ExamFactory(patient=patient)

    response = client_clinician.get(_url(patient))

    assert exam.get_absolute_url() in response.text
    assert "In progress" in response.text


@pytest.mark.parametrize("exams", [1, 4])
def test_query_count_does_not_grow_with_exams(client_clinician, patient, django_assert_num_queries, exams):
    ExamFactory(patient=patient)
    ExamFactory.create_batch(exams, patient=patient, status="signed")  # at most one exam is open

    # 1 session, 2 user, 3 membership with its clinic, 4 the patient, 5 the exams with their clinicians,
    # 6 the documents of the latest finished exam, 7 every document of the patient (none: no deliveries asked),
    # 8 the audit event
    with django_assert_num_queries(8):
        client_clinician.get(_url(patient))


def test_offers_to_start_an_exam_when_none_is_open(client_clinician, patient):
    response = client_clinician.get(_url(patient))

    assert reverse("exams:exam-start", args=[patient.pk]) in response.text
    assert "Resume exam" not in response.text


def test_offers_to_resume_the_open_exam(client_clinician, patient):
    exam = ExamFactory(patient=patient)

    response = client_clinician.get(_url(patient))

    assert "Resume exam" in response.text
    assert exam.get_absolute_url() in response.text


def test_shows_letters_and_plans_of_the_latest_finished_exam(client_clinician, patient, clinician, protocol):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")

    response = client_clinician.get(_url(patient))

    assert "Letters and plans" in response.text
    assert reverse("reports:document-create", args=[exam.pk, "referral_letter"]) in response.text
