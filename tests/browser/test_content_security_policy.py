"""The pages run under the enforced Content-Security-Policy with nothing refused: htmx, the exam script, API docs."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.exam_pages import exam_ready, sign_in, step_open


def test_pages_run_their_scripts_with_no_policy_violation(live_server, page: Page, clinician, patient):
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    exam = exam_ready(patient, clinician)

    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "red_flags")  # waits until exam.js has wired the autosave
    assert page.evaluate("() => typeof window.htmx") == "object"
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info")

    assert refused == []
