"""Shared steps for the exam browser tests: sign in through the real form, open an exam, check a page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from exams.models import Exam
from protocols.registry import protocol_versions_sync
from tests.factories import PASSWORD, ExamFactory

AXE = Path(__file__).resolve().parent / "vendor" / "axe-4.14.1.min.js"
# The tablets at the table, both ways round: iPad-class (768x1024) and iPad Pro-class (1024x1366).
TABLET_SIZES = [(768, 1024), (1024, 768), (1024, 1366), (1366, 1024)]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()


def exam_ready(patient, clinician, **fields) -> Exam:
    """Store the protocol and an exam of `patient` (the live server sees only committed rows)."""
    protocol_versions_sync()
    return ExamFactory(patient=patient, clinician=clinician, affected_side="left", current_step="red_flags", **fields)


def step_open(page: Page, base_url: str, exam: Exam, step: str) -> None:
    page.goto(f"{base_url}/exams/{exam.pk}/step/{step}/")
    if step != "summary":  # the summary has no autosave controls
        page.wait_for_function("() => document.getElementById('exam-app').classList.contains('js-autosave')")


def saved(page: Page, key: str) -> None:
    """Wait until the control `key` says the server stored the tap."""
    expect(page.locator(f'[data-state-for="{key}"]').first).to_have_text("✓ Saved")


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page and return the serious and critical violations."""
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy (rightly) refuses an
    # injected inline <script>, and the test must not weaken the policy it runs under.
    page.evaluate(f"() => {{ {AXE.read_text()}\n }}")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sideways_overflow(page: Page) -> int:
    """Return how many pixels the page scrolls sideways (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def offline_ready(page: Page) -> None:
    """Wait until the service worker holds this exam's step pages (exam-queue.js marks the app when it says so)."""
    page.wait_for_selector("#exam-app[data-offline-ready]", state="attached", timeout=30000)


def queued_taps(page: Page) -> list[dict]:
    """The signed-in user's taps still held on the tablet (IndexedDB), oldest first."""
    return page.evaluate("() => TapStore.list(ExamApp.user)")


def replay_hold(page: Page) -> None:
    """Hold the queue's lock from the page, so queued taps stay queued while the network is back."""
    hold = "() => new Promise(release => { window.releaseReplay = release; })"
    page.evaluate(f"() => {{ navigator.locks.request('exam-taps-' + ExamApp.user, {hold}); }}")
    page.wait_for_function("() => typeof window.releaseReplay === 'function'")
