"""The exam with no network: cached steps, one durable queue in IndexedDB, replay in order, conflicts surfaced."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from exams.models import Finding, PainRegionMark, RedFlagAnswer
from exams.views.rendering import step_context
from tests.browser.exam_pages import (
    axe_violations,
    exam_ready,
    offline_ready,
    queued_taps,
    replay_hold,
    saved,
    sign_in,
    step_open,
)

# (step, control tapped offline, key of the answer); one tap on the first step and on three others.
OFFLINE_TAPS = [
    ("red_flags", "#red-flag-saddle_anaesthesia-no", "red-flag-saddle_anaesthesia"),
    ("pain_map", "#region-left-deep_buttock-button", "region-left-deep_buttock"),
    ("deep_gluteal", "#finding-fair-left-positive", "finding-fair-left"),
    ("hamstring", "#finding-puranen_orava-left-negative", "finding-puranen_orava-left"),
]


def step_go(page: Page, step: str) -> None:
    page.locator(f".exam-progress a[href$='/step/{step}/']").tap()
    page.wait_for_function("() => document.getElementById('exam-app').classList.contains('js-autosave')")


def pressed(page: Page, control: str) -> None:
    expect(page.locator(control)).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("viewport", [(820, 1180), (1180, 820)], ids=["portrait", "landscape"])
def test_offline_exam_moves_between_steps_reloads_and_sends_every_tap_in_order(
    live_server, page: Page, clinician, patient, screenshot, viewport
):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "red_flags")
    offline_ready(page)
    page.context.set_offline(True)

    for number, (step, control, _key) in enumerate(OFFLINE_TAPS, start=1):
        if step != "red_flags":
            step_go(page, step)  # drawn from the tablet's cache
        page.locator(control).tap()
        pressed(page, control)
        expect(page.locator("#save-queue")).to_contain_text(f"{number} tap{'s' if number > 1 else ''} waiting")
    expect(page.locator("#save-queue")).to_contain_text("offline, kept on this tablet")
    screenshot(f"exam-offline-queued-{viewport[0]}")

    page.reload()
    step_go(page, "deep_gluteal")
    page.reload()
    pressed(page, "#finding-fair-left-positive")
    step_go(page, "pain_map")
    pressed(page, "#region-left-deep_buttock-button")  # taps re-applied to the cached page's controls
    expect(page.locator("#save-queue")).to_contain_text("4 taps waiting to be sent")
    assert not Finding.objects.filter(exam=exam).exists()

    page.context.set_offline(False)
    expect(page.locator("#save-queue")).to_have_text("All taps saved", timeout=15000)
    assert queued_taps(page) == []
    revisions = [
        RedFlagAnswer.objects.get(exam=exam, code="saddle_anaesthesia", present=False).revision,
        PainRegionMark.objects.get(exam=exam, region="deep_buttock", side="left").revision,
        Finding.objects.get(exam=exam, maneuver="fair", side="left", result="positive").revision,
        Finding.objects.get(exam=exam, maneuver="puranen_orava", side="left", result="negative").revision,
    ]
    assert revisions == sorted(revisions)  # stored in the order tapped
    assert len(set(revisions)) == 4

    # The differential on screen is the server's, from all four taps.
    exam.refresh_from_db()
    panel = step_context(exam, "pain_map")["panel"]
    shown = page.locator("#differential .prob-label").all_inner_texts()
    assert [re.sub(r"^★\s*", "", text).strip() for text in shown] == [entry.label for entry in panel.entries]


def test_offline_taps_on_two_tablets_for_one_answer_surface_the_conflict(
    live_server, browser: Browser, browser_context_args, clinician, colleague, patient, screenshot
):
    exam = exam_ready(patient, clinician)
    tablets = []
    for username in ("alice", "bob"):
        context = browser.new_context(**{**browser_context_args, "viewport": {"width": 1024, "height": 768}})
        tablet = context.new_page()
        sign_in(tablet, live_server.url, username)
        step_open(tablet, live_server.url, exam, "deep_gluteal")
        offline_ready(tablet)
        context.set_offline(True)
        tablets.append(tablet)
    first, second = tablets
    first.locator("#finding-fair-left-positive").tap()
    second.locator("#finding-fair-left-negative").tap()

    first.context.set_offline(False)
    saved(first, "finding-fair-left")
    second.context.set_offline(False)
    decisions = second.locator("#tap-decisions")
    expect(decisions).to_be_visible()
    expect(decisions).to_contain_text("this tablet tapped “Negative”, another device saved “Positive”")
    expect(second.locator("#save-queue")).to_contain_text("1 to decide")
    assert Finding.objects.get(exam=exam).result == "positive"  # never overwritten blind
    assert axe_violations(second) == []
    screenshot("exam-offline-conflict")

    second.get_by_role("button", name="Use mine: “Negative”").tap()
    saved(second, "finding-fair-left")
    expect(decisions).to_be_hidden()
    assert Finding.objects.get(exam=exam).result == "negative"


def test_new_worker_version_activates_with_taps_queued_and_loses_none(
    live_server, page: Page, clinician, patient, monkeypatch
):
    page.set_viewport_size({"width": 1024, "height": 768})
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    offline_ready(page)
    old = page.evaluate("() => ExamApp.ask({type: 'version'}, 'version').then(r => r.version)")
    page.context.set_offline(True)
    page.locator("#finding-fair-left-positive").tap()
    page.locator("#finding-pace_sign-right-negative").tap()
    expect(page.locator("#save-queue")).to_contain_text("2 taps waiting")

    replay_hold(page)  # the network is back, but the taps stay queued while the worker updates
    page.context.set_offline(False)
    monkeypatch.setattr("pwa.shell.shell_version", lambda: "next-deploy")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "() => ExamApp.ask({type: 'version'}, 'version').then(r => r && r.version === 'next-deploy')", timeout=15000
    )
    assert old != "next-deploy"
    assert [tap["key"] for tap in queued_taps(page)] == ["finding-fair-left", "finding-pace_sign-right"]

    page.evaluate("() => window.releaseReplay()")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.locator("#save-queue")).to_have_text("All taps saved", timeout=15000)
    assert set(Finding.objects.filter(exam=exam).values_list("maneuver", "result")) == {
        ("fair", "positive"),
        ("pace_sign", "negative"),
    }


def test_sign_out_warns_about_unsent_taps_then_clears_cache_and_queue(live_server, page: Page, clinician, patient):
    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    offline_ready(page)
    assert page.evaluate("() => caches.keys()").count(f"exam-pages-{clinician.pk}") == 1
    replay_hold(page)
    page.locator("#finding-fair-left-positive").tap()
    expect(page.locator("#save-queue")).to_contain_text("1 tap waiting")

    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert "1 tap waiting to be sent" in warnings[0]
    assert not [name for name in page.evaluate("() => caches.keys()") if name.startswith("exam-pages-")]
    assert page.evaluate(f"() => TapStore.list('{clinician.pk}')") == []
    assert not Finding.objects.filter(exam=exam).exists()


def test_a_signed_exam_leaves_the_tablet(live_server, page: Page, clinician, patient):
    from exams.services import exam_complete, exam_sign
    from tests.exams.helpers import red_flags_answer_all

    exam = exam_ready(patient, clinician)
    sign_in(page, live_server.url, "alice")
    step_open(page, live_server.url, exam, "deep_gluteal")
    offline_ready(page)
    held = f"() => caches.open('exam-pages-{clinician.pk}').then(c => c.keys()).then(k => k.length)"
    assert page.evaluate(held) > 0

    red_flags_answer_all(exam)
    exam_complete(exam=exam)
    exam_sign(exam=exam, user=clinician)
    step_open(page, live_server.url, exam, "summary")
    page.wait_for_function(f"() => ({held})().then(n => n === 0)", timeout=15000)
    assert queued_taps(page) == []
