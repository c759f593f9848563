"""With JavaScript off the exam still works: every tap is a plain form post that lands back on its control."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from exams.models import Finding, RedFlagAnswer
from tests.browser.exam_pages import exam_ready, sign_in


def test_taps_and_steps_work_without_javascript(
    live_server, browser: Browser, browser_context_args, clinician, patient
):
    exam = exam_ready(patient, clinician)
    page = browser.new_context(**browser_context_args, java_script_enabled=False).new_page()
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/exams/{exam.pk}/step/red_flags/")

    page.locator("#red-flag-saddle_anaesthesia-no").tap()
    expect(page.locator("#red-flag-saddle_anaesthesia-no")).to_have_attribute("aria-pressed", "true")
    assert RedFlagAnswer.objects.get(exam=exam, code="saddle_anaesthesia").present is False

    page.locator(".exam-progress a[href$='/step/deep_gluteal/']").tap()
    page.locator("#finding-fair-left-positive").tap()
    expect(page.locator("#finding-fair-left-positive")).to_have_attribute("aria-pressed", "true")
    assert Finding.objects.get(exam=exam, maneuver="fair", side="left").result == "positive"
    # the step buttons say so after the redirect: red flags begun, this step begun
    expect(page.locator(".exam-progress a[href$='/step/red_flags/']")).to_contain_text("partly done")
    expect(page.locator(".exam-progress a[href$='/step/deep_gluteal/']")).to_contain_text("partly done")
    expect(page.locator(".exam-progress a[href$='/step/hamstring/']")).to_contain_text("not started")
