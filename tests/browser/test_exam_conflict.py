"""Two tablets on one exam: the stale one is told what the other stored, and never overwrites it."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from exams.models import Finding
from tests.browser.conftest import ARTEFACTS
from tests.browser.exam_pages import exam_ready, saved, sign_in, step_open


def test_stale_tablet_sees_the_conflict_and_the_current_value(
    live_server, browser: Browser, browser_context_args, clinician, colleague, patient
):
    exam = exam_ready(patient, clinician)
    first = browser.new_context(**browser_context_args).new_page()
    second = browser.new_context(**browser_context_args).new_page()
    sign_in(first, live_server.url, "alice")
    sign_in(second, live_server.url, "bob")
    step_open(first, live_server.url, exam, "deep_gluteal")
    step_open(second, live_server.url, exam, "deep_gluteal")

    first.locator("#finding-fair-left-positive").tap()
    saved(first, "finding-fair-left")
    second.locator("#finding-fair-left-negative").tap()

    note = second.locator('[data-state-for="finding-fair-left"]')
    expect(note).to_contain_text("Changed on another device")
    expect(note).to_contain_text("It now reads: Positive")
    expect(second.locator("#finding-fair-left-positive")).to_have_attribute("aria-pressed", "true")
    expect(second.locator("#status")).to_contain_text("Changed on another device")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    second.screenshot(path=str(ARTEFACTS / "exam-conflict.png"), full_page=True)
    assert Finding.objects.get(exam=exam).result == "positive"

    # Having seen the current value, the second tablet may change it deliberately.
    second.locator("#finding-fair-left-negative").tap()
    saved(second, "finding-fair-left")
    assert Finding.objects.get(exam=exam).result == "negative"
