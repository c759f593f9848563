"""Never lose a tap: reload resumes with taps shown, and failed saves are queued, kept and retried."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from exams.models import Finding
from tests.browser.exam_pages import exam_ready, saved, sign_in, step_open


@pytest.fixture(scope="module")
def browser_context_args(browser_context_args):
    """No service worker here: Playwright cannot route requests a worker sees, and these tests fake failures by
    routing. They cover the queue alone, as on a browser without service workers; test_exam_offline covers both."""
    return {**browser_context_args, "service_workers": "block"}


def test_reload_mid_exam_resumes_on_the_same_step_with_taps_shown(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "hamstring")
    page.locator("#finding-puranen_orava-left-positive").tap()
    saved(page, "finding-puranen_orava-left")
    page.locator("#finding-bent_knee_stretch-right-negative").tap()
    saved(page, "finding-bent_knee_stretch-right")

    page.reload()
    expect(page.locator("#finding-puranen_orava-left-positive")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#finding-bent_knee_stretch-right-negative")).to_have_attribute("aria-pressed", "true")

    # Reopening from the patient page lands on the step where the exam stopped.
    page.goto(f"{live_server.url}/patients/{patient.pk}/")
    page.get_by_role("link", name="Resume exam").tap()
    expect(page).to_have_url(re.compile(r"/step/hamstring/$"))
    expect(page.locator("#finding-puranen_orava-left-positive")).to_have_attribute("aria-pressed", "true")


def test_failed_saves_are_retried_until_they_land(live_server, page: Page, clinician, patient, screenshot):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    failures = {"left": 2}

    def flaky(route: Route) -> None:
        if failures["left"] == 2:
            failures["left"] -= 1
            route.abort("internetdisconnected")
        elif failures["left"] == 1:
            failures["left"] -= 1
            route.fulfill(status=502, body="Bad gateway")
        else:
            route.continue_()

    page.route("**/findings/", flaky)
    page.locator("#finding-fair-left-negative").tap()

    expect(page.locator('[data-state-for="finding-fair-left"]')).to_have_text("⚠ Not saved — retrying")
    expect(page.locator("#save-queue")).to_have_text("1 tap waiting to be sent — retrying")
    screenshot("exam-autosave-retrying")
    saved(page, "finding-fair-left")
    expect(page.locator("#save-queue")).to_have_text("All taps saved")
    assert Finding.objects.get(exam=exam).result == "negative"


def test_taps_made_offline_survive_a_reload_and_are_sent_after_it(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    page.route("**/findings/", lambda route: route.abort("internetdisconnected"))

    page.locator("#finding-fair-left-positive").tap()
    page.locator("#finding-pace_sign-right-equivocal").tap()
    expect(page.locator("#save-queue")).to_contain_text("2 taps waiting to be sent")
    page.reload()
    page.wait_for_function("() => document.getElementById('exam-app').classList.contains('js-autosave')")

    # Still offline after the reload: the taps are shown as pending, not as saved.
    expect(page.locator("#finding-fair-left-positive")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#save-queue")).to_contain_text("2 taps waiting to be sent")
    assert not Finding.objects.filter(exam=exam).exists()

    page.unroute("**/findings/")
    saved(page, "finding-fair-left")
    saved(page, "finding-pace_sign-right")
    expect(page.locator("#save-queue")).to_have_text("All taps saved")
    assert set(Finding.objects.filter(exam=exam).values_list("maneuver", "result")) == {
        ("fair", "positive"),
        ("pace_sign", "equivocal"),
    }


def test_taps_still_queued_are_sent_from_the_summary(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    page.route("**/findings/", lambda route: route.abort("internetdisconnected"))
    page.locator("#finding-fair-left-positive").tap()
    expect(page.locator("#save-queue")).to_contain_text("1 tap waiting to be sent")

    page.goto(f"{live_server.url}/exams/{exam.pk}/step/summary/")
    expect(page.get_by_text("0 findings recorded")).to_be_visible()
    expect(page.locator("#save-queue")).to_contain_text("1 tap waiting to be sent")

    page.unroute("**/findings/")
    expect(page.get_by_text("1 finding recorded")).to_be_visible()
    expect(page.locator("#save-queue")).to_have_text("All taps saved")
    assert Finding.objects.get(exam=exam).result == "positive"
