import pytest
from django.urls import reverse

from exams.models import Exam, Status
from tests.exams.conftest import exam_url
from tests.exams.helpers import STEPS, red_flags_answer_all
from tests.factories import ExamFactory, FindingFactory


@pytest.mark.parametrize("step", STEPS)
def test_every_step_renders_with_progress_and_the_differential_heading(client_clinician, exam, step):
    response = client_clinician.get(exam_url("exam-step", exam, step))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Working diagnosis for clinical decision support" in html
    assert f"of {len(STEPS)}" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_opening_a_step_sets_the_resume_point(client_clinician, exam):
    client_clinician.get(exam_url("exam-step", exam, "hamstring"))

    exam.refresh_from_db()
    assert exam.current_step == "hamstring"


def test_reopening_the_exam_resumes_where_it_stopped(client_clinician, exam):
    exam.current_step = "ischiofemoral"
    exam.save()

    response = client_clinician.get(exam.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == exam_url("exam-step", exam, "ischiofemoral")


def test_finished_exam_opens_on_its_summary(client_clinician, exam):
    exam.status = Status.SIGNED
    exam.save()

    response = client_clinician.get(exam.get_absolute_url())

    assert response["Location"] == exam_url("exam-step", exam, "summary")


def test_recorded_finding_is_shown_pressed_with_text_not_colour_alone(client_clinician, exam):
    FindingFactory(exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True)

    html = client_clinician.get(exam_url("exam-step", exam, "deep_gluteal")).content.decode()

    assert (
        'id="finding-fair-left-positive" name="result" value="positive" class="choice choice-positive" '
        'aria-pressed="true"' in html
    )
    assert "✓</span> Positive" in html
    assert "<legend>Familiar pain? FAIR test" in html


@pytest.mark.parametrize(("version", "positive", "negative"), [("1.1.0", "+", "−"), ("1.0.0", "✓", "✗")])
def test_result_icons_are_the_short_names_of_the_exams_release(
    client_clinician, patient, clinician, version, positive, negative
):
    exam = ExamFactory(patient=patient, clinician=clinician, protocol_version=version, current_step="deep_gluteal")

    html = client_clinician.get(exam_url("exam-step", exam, "deep_gluteal")).content.decode()

    assert f'<span aria-hidden="true">{positive}</span> Positive' in html
    assert f'<span aria-hidden="true">{negative}</span> Negative' in html
    assert '<span aria-hidden="true">?</span> Equivocal' in html


def test_each_maneuver_explains_how_to_perform_it(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "sij_provocation")).content.decode()

    assert html.count('<details class="how-to">') == 6
    assert "Positive when" in html


def test_signed_exam_pages_are_read_only(client_clinician, exam):
    exam.status = Status.SIGNED
    exam.save()

    html = client_clinician.get(exam_url("exam-step", exam, "deep_gluteal")).content.decode()

    assert "read-only" in html
    assert 'aria-pressed="false" disabled' in html


def test_htmx_request_gets_the_step_body_only(client_clinician, exam):
    response = client_clinician.get(exam_url("exam-step", exam, "pain_map"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="step-body"')
    assert "<html" not in html


def test_unknown_step_is_404(client_clinician, exam):
    assert client_clinician.get(exam_url("exam-step", exam, "knee")).status_code == 404


def test_outsider_gets_404(client_outsider, exam):
    assert client_outsider.get(exam_url("exam-step", exam, "red_flags")).status_code == 404
    assert client_outsider.get(exam.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, exam):
    response = client.get(exam_url("exam-step", exam, "red_flags"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_step_page_queries_do_not_grow_with_findings(client_clinician, exam, django_assert_num_queries):
    for code in ["fair", "seated_piriformis_stretch", "active_piriformis", "pace_sign", "freiberg_sign"]:
        for side in ("left", "right"):
            FindingFactory(exam=exam, maneuver=code, side=side, result="negative", familiar_pain=None)
    # session, user, membership + clinic, exam + patient + signer + its release's digest, resume-point update,
    # then every answer in one UNION ALL and the history; the audit event: the exam's patient, the insert.
    with django_assert_num_queries(9):
        response = client_clinician.get(exam_url("exam-step", exam, "deep_gluteal"))
    assert response.status_code == 200


def test_summary_lists_findings_for_and_against_with_citations(client_clinician, exam):
    red_flags_answer_all(exam)
    FindingFactory(exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True)

    html = client_clinician.get(exam_url("exam-step", exam, "summary")).content.decode()

    assert "FAIR test (flexion, adduction, internal rotation), left: positive" in html
    assert "Fishman 2002" in html
    assert "Complete exam" in html


def test_summary_labels_judgement_weights(client_clinician, exam):
    FindingFactory(exam=exam, maneuver="iliac_crest_palpation", side="left", result="positive", familiar_pain=True)

    html = client_clinician.get(exam_url("exam-step", exam, "summary")).content.decode()

    assert '<span class="badge badge-judgement">judgement</span>' in html


def test_exam_count_is_unchanged_by_viewing(client_clinician, exam):
    client_clinician.get(exam_url("exam-step", exam, "summary"))

    assert Exam.objects.count() == 1


def test_a_red_flag_head_reads_as_a_referral_not_a_probability(client_clinician, exam):
    red_flags_answer_all(exam, present={"saddle_anaesthesia"})

    response = client_clinician.get(exam_url("exam-step", exam, "sij_provocation"))

    assert "Red flag: refer" in response.text
    assert "Suspected cauda equina syndrome" in response.text
    assert "0.2 %" not in response.text
    assert "0.2%" not in response.text


def test_the_summary_shows_a_red_flag_head_as_a_referral_too(client_clinician, exam):
    red_flags_answer_all(exam, present={"bowel_dysfunction"})

    response = client_clinician.get(exam_url("exam-step", exam, "summary"))

    assert "Red flag: refer" in response.text
    assert "0.2 %" not in response.text
    assert "0.2%" not in response.text
