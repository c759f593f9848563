from django.template.loader import render_to_string

from exams.models import Status
from tests.factories import ExamFactory


def test_patient_without_an_open_exam_gets_a_start_button(patient):
    html = render_to_string("exams/components/patient_exam_actions.html", {"patient": patient, "exams": []})

    assert f'action="/exams/start/{patient.pk}/"' in html
    assert "Start exam" in html


def test_patient_with_an_open_exam_gets_a_resume_button(patient, django_assert_num_queries):
    signed = ExamFactory(patient=patient, status=Status.SIGNED)
    open_exam = ExamFactory(patient=patient)

    with django_assert_num_queries(0):
        html = render_to_string(
            "exams/components/patient_exam_actions.html", {"patient": patient, "exams": [open_exam, signed]}
        )

    assert f'href="/exams/{open_exam.pk}/"' in html
    assert "Resume exam" in html
    assert "Start exam" not in html


def test_patient_page_offers_to_start_an_exam(client_clinician, patient):
    html = client_clinician.get(patient.get_absolute_url()).content.decode()

    assert "Start exam" in html
