"""Sign-in and the patient registry pass axe-core and fit a tablet, like the exam pages."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.exam_pages import TABLET_SIZES, axe_violations, sideways_overflow, sign_in
from tests.factories import PatientFactory


def _check(page: Page, name: str, screenshot) -> dict:
    screenshot(name)
    overflow, violations = sideways_overflow(page), axe_violations(page)
    return {"overflow": overflow, "axe": violations} if overflow > 0 or violations else {}


def test_sign_in_and_registry_pages_pass_axe_and_fit_the_tablet(live_server, page: Page, clinician, screenshot):
    for n in range(25):  # more than one page of patients, so the pagination is checked too
        PatientFactory(clinic=clinician.membership.clinic, identifier=f"RP-{n:04d}")
    patient = PatientFactory(clinic=clinician.membership.clinic, identifier="RP-9999", given_name="Zoë")
    problems = {}
    for width, height in TABLET_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        problems[(width, height, "login")] = _check(page, f"registry-{width}x{height}-login", screenshot)
        sign_in(page, live_server.url, "alice")
        pages = {
            "list": "/patients/",
            "search": "/patients/?q=zo",
            "create": "/patients/new/",
            "detail": patient.get_absolute_url(),
            "edit": f"{patient.get_absolute_url()}edit/",
        }
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            assert page.url.endswith(path), f"{name} redirected to {page.url}"
            problems[(width, height, name)] = _check(page, f"registry-{width}x{height}-{name}", screenshot)

    assert {key: found for key, found in problems.items() if found} == {}
