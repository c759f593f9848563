"""Each exam page passes axe-core without serious or critical violations and never scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from exams.models import RedFlagAnswer
from exams.services import exam_complete, exam_sign
from tests.browser.exam_pages import TABLET_SIZES, axe_violations, exam_ready, sideways_overflow, sign_in, step_open
from tests.exams.helpers import STEPS
from tests.factories import FindingFactory


@pytest.fixture
def exam_with_answers(clinician, patient):
    exam = exam_ready(patient, clinician)
    RedFlagAnswer.objects.create(exam=exam, code="bowel_dysfunction", present=True)
    FindingFactory(exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=None)
    FindingFactory(exam=exam, maneuver="sij_distraction", side="", result="negative", familiar_pain=None)
    return exam


def test_every_exam_page_passes_axe_and_fits_the_tablet(live_server, page: Page, exam_with_answers, screenshot):
    sign_in(page, live_server.url, "alice")
    problems = {}
    for width, height in TABLET_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for step in STEPS:
            step_open(page, live_server.url, exam_with_answers, step)
            overflow = sideways_overflow(page)
            violations = axe_violations(page)
            if overflow > 0 or violations:
                problems[(width, height, step)] = {"overflow": overflow, "axe": violations}
            screenshot(f"exam-{width}x{height}-{step}")

    assert problems == {}


def test_signed_summary_passes_axe(live_server, page: Page, exam_with_answers, clinician, screenshot):
    for code in (
        "saddle_anaesthesia",
        "bladder_dysfunction",
        "bilateral_leg_symptoms",
        "progressive_motor_weakness",
        "history_of_cancer",
        "unexplained_weight_loss",
        "fever_or_infection_risk",
        "significant_trauma",
        "night_pain_unrelenting",
    ):
        RedFlagAnswer.objects.create(exam=exam_with_answers, code=code, present=False)
    exam_complete(exam=exam_with_answers)
    exam_sign(exam=exam_with_answers, user=clinician)
    sign_in(page, live_server.url, "alice")

    for width, height in TABLET_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        step_open(page, live_server.url, exam_with_answers, "summary")
        assert sideways_overflow(page) <= 0
        assert axe_violations(page) == []
        screenshot(f"exam-{width}x{height}-summary-signed")


def test_portrait_keeps_the_working_diagnosis_in_view_and_expands(live_server, page: Page, exam_with_answers):
    sign_in(page, live_server.url, "alice")
    page.set_viewport_size({"width": 768, "height": 1024})
    step_open(page, live_server.url, exam_with_answers, "sij_provocation")
    summary = page.locator("#live-summary")

    assert summary.evaluate("el => getComputedStyle(el).position") == "sticky"
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    top = summary.bounding_box()["y"]
    assert 0 <= top < 5, top  # still at the top of the screen after scrolling down the maneuver cards
    collapsed = summary.bounding_box()["height"]
    page.locator("#live-summary .live-toggle").click()
    assert summary.evaluate("el => el.classList.contains('is-open')")
    assert summary.bounding_box()["height"] > collapsed


def test_a_refused_answer_drawn_beside_its_control_passes_axe(live_server, page: Page, exam_with_answers):
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam_with_answers, "deep_gluteal")
    # A plain submit (no tapped button, so no result): the page the server draws for a refusal without htmx.
    with page.expect_navigation():
        page.evaluate("() => HTMLFormElement.prototype.submit.call(document.getElementById('finding-fair-right'))")
    assert page.locator("#finding-fair-right-positive").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
