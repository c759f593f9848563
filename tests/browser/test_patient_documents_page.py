"""The patient page with letters and plans of several exams passes axe-core and fits the tablet."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.exam_pages import axe_violations, sideways_overflow, sign_in
from tests.reports.scenarios import delivery_sent, document_stored, exam_signed


def test_patient_page_with_every_exams_documents_passes_axe_and_fits_the_tablet(
    live_server, page: Page, protocol, patient, clinician, screenshot
):
    for days in (40, 20, 1):
        exam = exam_signed(patient, clinician, days)
        delivery_sent(document_stored(exam, "referral_letter", recipient="gp"), to="surgery.reception@example.org")
        document_stored(exam)
    sign_in(page, live_server.url, clinician.username)
    problems = {}
    for width, height in [(768, 1024), (1024, 768)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{patient.get_absolute_url()}")
        expect(page.get_by_role("heading", name="Letters and plans of earlier exams")).to_be_visible()
        screenshot(f"patient-documents-{width}")
        overflow, violations = sideways_overflow(page), axe_violations(page)
        if overflow > 0 or violations:
            problems[width] = {"overflow": overflow, "axe": violations}

    assert problems == {}
