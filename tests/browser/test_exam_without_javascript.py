"""With JavaScript off the exam still works: every tap is a plain form post that lands back on its control."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from exams import services
from exams.models import Finding, RedFlagAnswer
from tests.browser.exam_pages import exam_ready, sign_in


def _no_script_page(live_server, browser: Browser, browser_context_args, clinician, patient, step: str):
    """A tablet with JavaScript off, signed in as alice, on `step` of a fresh exam: (exam, page)."""
    exam = exam_ready(patient, clinician)
    page = browser.new_context(**browser_context_args, java_script_enabled=False).new_page()
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/exams/{exam.pk}/step/{step}/")
    return exam, page


def test_taps_and_steps_work_without_javascript(
    live_server, browser: Browser, browser_context_args, clinician, patient
):
    exam, page = _no_script_page(live_server, browser, browser_context_args, clinician, patient, "red_flags")

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


def test_without_javascript_a_refused_tap_is_said_beside_its_control_which_takes_the_focus(
    live_server, browser: Browser, browser_context_args, clinician, patient
):
    exam, page = _no_script_page(live_server, browser, browser_context_args, clinician, patient, "deep_gluteal")
    # another tablet stores this answer after the page was drawn
    services.finding_record(
        exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True, version=exam.version
    )

    page.locator("#finding-fair-left-negative").tap()

    beside = page.locator("#finding-fair-left-state")
    expect(beside).to_contain_text("It now reads: Positive")
    first = page.locator("#finding-fair-left-positive")
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_attribute("aria-describedby", "finding-fair-left-state")
    expect(page.locator("#finding-fair-right-positive")).not_to_have_attribute("aria-invalid", "true")
    page.locator("#exam-alert a").click()  # the summary at the top leads to the message
    assert page.url.endswith("#finding-fair-left-state")
    assert Finding.objects.get(exam=exam, maneuver="fair", side="left").result == "positive"

    page.goto(f"{live_server.url}/exams/{exam.pk}/step/history/")
    page.locator("#history-onset_weeks-input").fill("3000")
    page.get_by_role("button", name="Save weeks since onset").click()
    field = page.locator("#history-onset_weeks-input")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby") or ""
    assert "history-onset_weeks-state" in described.split()
    expect(page.locator("#history-onset_weeks-state")).to_contain_text("Weeks since onset must be from 0 to 2600")
