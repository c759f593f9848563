"""Keyboard only: every control of a step is reachable with Tab and works with Enter or Space."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from exams.models import Finding, PainRegionMark
from tests.browser.exam_pages import exam_ready, saved, sign_in, step_open


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus")


def test_a_step_can_be_done_with_the_keyboard_alone(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "gluteal_tendon")

    tab_to(page, "#finding-single_leg_stance_30s-left-positive")
    page.keyboard.press("Enter")
    saved(page, "finding-single_leg_stance_30s-left")
    # Focus stays on the pressed button after the row is swapped, so the next Tab carries on from there.
    expect(page.locator("#finding-single_leg_stance_30s-left-positive")).to_be_focused()
    expect(page.locator("#finding-single_leg_stance_30s-left-positive")).to_have_attribute("aria-pressed", "true")

    tab_to(page, "#finding-resisted_external_derotation-left-negative")
    page.keyboard.press("Space")
    saved(page, "finding-resisted_external_derotation-left")

    tab_to(page, "a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/neural_tension/")

    assert set(Finding.objects.filter(exam=exam).values_list("maneuver", "result")) == {
        ("single_leg_stance_30s", "positive"),
        ("resisted_external_derotation", "negative"),
    }


def test_body_chart_and_checkbox_list_work_with_the_keyboard(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "pain_map")

    tab_to(page, "#region-right-lateral_hip-button")
    page.keyboard.press("Enter")
    expect(page.locator("#region-right-lateral_hip-check")).to_be_checked()

    page.locator(".region-list-details summary").focus()
    page.keyboard.press("Enter")
    tab_to(page, "#region-left-groin-check")
    page.keyboard.press("Space")
    expect(page.locator("#region-left-groin-button")).to_have_attribute("aria-pressed", "true")
    saved(page, "region-left-groin")

    assert set(PainRegionMark.objects.filter(exam=exam).values_list("region", "side")) == {
        ("lateral_hip", "right"),
        ("groin", "left"),
    }
