"""Protocol 1.1.0 on the exam screens: unsafe-test marks under a red flag, red-flag heads never as a percentage."""

import pytest

from exams.models import RedFlagAnswer, SymptomMark
from tests.exams.conftest import exam_url, htmx_post
from tests.factories import ExamFactory


@pytest.fixture
def exam_110(patient, clinician):
    return ExamFactory(
        patient=patient, clinician=clinician, affected_side="left", current_step="red_flags", protocol_version="1.1.0"
    )


def test_hamstring_tests_are_marked_not_to_be_done_under_a_suspected_avulsion(client_clinician, exam_110):
    RedFlagAnswer.objects.create(exam=exam_110, code="acute_hamstring_avulsion", present=True)

    html = client_clinician.get(exam_url("exam-step", exam_110, "hamstring")).content.decode()

    assert 'id="finding-puranen_orava" class="finding card is-unsafe"' in html
    assert 'aria-describedby="finding-puranen_orava-unsafe"' in html
    assert "Not safe now: red flag present" in html
    assert "No stretch or resisted test of the hamstrings" in html
    assert "(do not perform)" in html
    assert "Red flag: refer" in html  # the flagged head, never a percentage


def test_a_sudden_pop_in_the_history_marks_the_hamstring_tests_as_suspicion(client_clinician, exam_110):
    # Rule 12 from suspicion: the pop alone routes nothing, but the stretches are not to be done.
    SymptomMark.objects.create(exam=exam_110, code="sudden_pop_injury")

    html = client_clinician.get(exam_url("exam-step", exam_110, "hamstring")).content.decode()

    assert 'id="finding-puranen_orava" class="finding card is-unsafe"' in html
    assert 'id="finding-resisted_knee_flexion" class="finding card is-unsafe"' in html
    assert 'id="finding-hamstring_origin_gap_palpation" class="finding card"' in html  # the check to do first
    assert "Not safe now: red flag suspected" in html
    assert "Red flag: refer" not in html  # suspicion is no referral


def test_without_a_flag_no_maneuver_is_marked(client_clinician, exam_110):
    html = client_clinician.get(exam_url("exam-step", exam_110, "hamstring")).content.decode()

    assert "is-unsafe" not in html
    assert "Not safe now" not in html


def test_provocation_is_marked_over_a_suspected_fracture(client_clinician, exam_110):
    RedFlagAnswer.objects.create(exam=exam_110, code="significant_trauma", present=True)

    html = client_clinician.get(exam_url("exam-step", exam_110, "sij_provocation")).content.decode()

    assert 'id="finding-sij_thigh_thrust" class="finding card is-unsafe"' in html
    assert "No provocation test over a suspected fracture or infection" in html


def test_a_tap_on_a_marked_card_keeps_the_mark(client_clinician, exam_110):
    RedFlagAnswer.objects.create(exam=exam_110, code="acute_hamstring_avulsion", present=True)

    response = htmx_post(
        client_clinician,
        exam_url("finding-record", exam_110),
        {"maneuver": "puranen_orava", "side": "left", "result": "not_tested", "version": 1},
    )

    assert response.status_code == 200
    html = response.content.decode()
    # The tap redraws its own side only: the card, and the mark on it, stay as they are on the page.
    assert html.lstrip().startswith('<form id="finding-puranen_orava-left"')
    assert 'id="finding-puranen_orava"' not in html
    page = client_clinician.get(exam_url("exam-step", exam_110, "hamstring")).content.decode()
    assert "Not safe now: red flag present" in page


def test_a_10_exam_shows_no_marks_and_still_renders_every_step(client_clinician, exam):
    RedFlagAnswer.objects.create(exam=exam, code="history_of_cancer", present=True)

    for step in ["red_flags", "history", "pain_map", "hamstring", "summary"]:
        response = client_clinician.get(exam_url("exam-step", exam, step))
        assert response.status_code == 200
        assert "is-unsafe" not in response.content.decode()


def test_110_pain_map_groups_its_history_items_with_the_release_words(client_clinician, exam_110):
    html = client_clinician.get(exam_url("exam-step", exam_110, "pain_map")).content.decode()

    for title in ["How it started", "What makes it worse", "Stiffness, rest and nights", "Background"]:
        assert f'class="symptom-group-title">{title}</h3>' in html
    assert html.count('class="toggle-form"') == 29  # every 1.1.0 history item, each once
    assert "Left sacral dimple (PSIS)" in html  # one source for words: the release's label
    for region in ["perineum", "coccyx"]:
        assert f'class="chart-spot spot-left spot-left-{region}"' in html
    for region in ["anterior_thigh", "abdomen"]:  # seen from the front: named buttons beside the back view
        assert f'id="region-left-{region}" class="toggle-form front-spot"' in html


def test_10_pain_map_keeps_one_group_and_its_own_regions(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "pain_map")).content.decode()

    assert "symptom-group-title" not in html
    assert html.count('class="toggle-form"') == 11
    assert "spot-left-perineum" not in html
