"""The step buttons say how far each screen got: done, partly done or not started, and a tap refreshes them."""

from __future__ import annotations

import re

from exams.assessment import exam_protocol
from exams.progress import StepState, step_states
from exams.selectors import exam_answers_get
from tests.exams.conftest import exam_url, htmx_post
from tests.exams.helpers import red_flags_answer_all
from tests.factories import ExamFactory, FindingFactory, PatientFactory


def states(exam):
    exam.refresh_from_db()
    return step_states(exam, exam_protocol(exam), exam_answers_get(exam=exam))


def test_a_new_exam_has_nothing_started_but_its_affected_side(exam):
    exam.affected_side = ""
    exam.save()

    assert set(states(exam).values()) == {StepState.TODO}


def test_red_flags_partly_then_done(exam):
    red_flags_answer_all(exam)
    assert states(exam)["red_flags"] is StepState.DONE
    exam.red_flag_answers.first().delete()
    assert states(exam)["red_flags"] is StepState.PARTLY


def test_a_maneuver_step_is_done_when_every_side_of_every_test_is(exam):
    protocol = exam_protocol(exam)
    step = next(s for s in protocol.steps if s.code == "deep_gluteal")
    FindingFactory(exam=exam, maneuver="fair", side="left")
    assert states(exam)["deep_gluteal"] is StepState.PARTLY
    for code in step.maneuvers:
        for side in ("left", "right") if protocol.maneuvers[code].sided else ("",):
            if (code, side) != ("fair", "left"):
                FindingFactory(exam=exam, maneuver=code, side=side, result="negative", familiar_pain=None)
    assert states(exam)["deep_gluteal"] is StepState.DONE
    assert states(exam)["hamstring"] is StepState.TODO


def test_the_page_says_each_state_in_words(client_clinician, exam):
    FindingFactory(exam=exam, maneuver="fair", side="left")

    html = client_clinician.get(exam_url("exam-step", exam, "red_flags")).content.decode()

    assert re.search(r'class="step-link step-partly".*?Deep gluteal.*?, partly done', html, re.S)
    assert ", not started</span>" in html


def test_a_tap_refreshes_the_step_buttons_out_of_band(client_clinician, exam):
    response = htmx_post(
        client_clinician,
        exam_url("finding-record", exam),
        {"maneuver": "fair", "side": "left", "result": "negative", "version": exam.version},
    )

    html = response.content.decode()
    assert '<nav id="exam-progress" class="exam-progress" aria-label="Exam steps" hx-swap-oob="true">' in html
    assert re.search(r'step-partly"[^>]*>.*?Deep gluteal', html, re.S)


def test_the_step_buttons_of_another_exam_in_the_same_state_are_its_own(client_clinician, exam, clinician):
    """The nav is rendered once per distinct state: two exams in the same state still get their own links."""
    other = ExamFactory(patient=PatientFactory(clinic=exam.clinic), clinician=clinician)
    tap = {"maneuver": "fair", "side": "left", "result": "negative"}

    first = htmx_post(client_clinician, exam_url("finding-record", exam), {**tap, "version": exam.version})
    second = htmx_post(client_clinician, exam_url("finding-record", other), {**tap, "version": other.version})

    nav = re.compile(r'<nav id="exam-progress".*?</nav>', re.S)
    assert exam_url("exam-step", exam, "deep_gluteal") in nav.search(first.content.decode()).group()
    theirs = nav.search(second.content.decode()).group()
    assert exam_url("exam-step", other, "deep_gluteal") in theirs
    assert f"/exams/{exam.pk}/" not in theirs
