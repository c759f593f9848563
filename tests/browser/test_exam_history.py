"""The history step by touch at 820x1180: tap scores and onset, type the rest, all stored, no sideways scroll."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from exams.models import ExamHistory
from tests.browser.exam_pages import exam_ready, saved, sideways_overflow, sign_in, step_open


def test_history_is_taken_by_tapping_and_typing(live_server, page: Page, clinician, patient, screenshot):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "red_flags")
    page.get_by_role("link", name="Next").tap()
    expect(page.get_by_role("heading", name="Step 2 of 11: History")).to_be_visible()

    page.locator("#history-onset-sudden").tap()
    saved(page, "history-onset")
    page.locator("#history-pain_now-4").tap()
    saved(page, "history-pain_now")
    page.locator("#history-pain_worst-8").tap()
    saved(page, "history-pain_worst")
    page.locator("#history-mechanism-input").fill("Felt a pop water-skiing")
    page.locator("#history-onset_weeks-input").tap()  # leaving the field saves it
    saved(page, "history-mechanism")
    page.locator("#history-onset_weeks-input").fill("3")
    page.locator("#history-activity_1-input").tap()
    saved(page, "history-onset_weeks")
    expect(page.locator("#history-since")).to_have_text("3 weeks since onset, as the patient recalls.")
    page.locator("#history-activity_1-input").fill("Running")
    page.get_by_role("button", name="Save activity 1").tap()
    saved(page, "history-activity_1")
    page.locator("#history-activity_1_score-2").tap()
    saved(page, "history-activity_1_score")

    expect(page.locator("#history-pain_now-4")).to_have_attribute("aria-pressed", "true")
    box = page.locator("#history-pain_worst-10").bounding_box()
    assert box is not None
    assert box["height"] >= 44
    assert box["width"] >= 44
    assert sideways_overflow(page) == 0
    screenshot("exam-history-820")

    row = ExamHistory.objects.get(exam=exam)
    assert (row.onset, row.pain_now, row.pain_worst, row.onset_weeks) == ("sudden", 4, 8, 3)
    assert (row.mechanism, row.activity_1, row.activity_1_score) == ("Felt a pop water-skiing", "Running", 2)

    # A refused value names the field and leaves the stored one in place.
    page.locator("#history-onset_weeks-input").fill("3000")
    page.locator("#history-activity_1-input").tap()
    expect(page.locator("#exam-alert")).to_contain_text("Weeks since onset must be from 0 to 2600")
    # ... and says so beside the field too, where the clinician is looking
    beside = page.locator('#history-onset_weeks [data-state-for="history-onset_weeks"]')
    expect(beside).to_contain_text("Weeks since onset must be from 0 to 2600")
    field = page.locator("#history-onset_weeks-input")  # marked as the page without JavaScript marks it
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "history-onset_weeks-state" in (field.get_attribute("aria-describedby") or "").split()
    row.refresh_from_db()
    assert row.onset_weeks == 3
