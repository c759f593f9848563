import pytest
from django.urls import reverse

from tests.factories import ExamFactory


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
    ExamFactory.create_batch(exams, patient=patient)

    # 1 session, 2 user, 3 membership with its clinic, 4 the patient, 5 the exams with their clinicians
    with django_assert_num_queries(5):
        client_clinician.get(_url(patient))


def test_exams_app_can_add_its_actions(client_clinician, patient, settings, tmp_path):
    actions = tmp_path / "exams" / "components" / "patient_exams.html"
    actions.parent.mkdir(parents=True)
    actions.write_text('<a class="button" href="#start">Start exam for {{ patient.given_name }}</a>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    response = client_clinician.get(_url(patient))

    assert "Start exam for Jane" in response.text
