"""The lead's dashboard, exam lists, team and clinic-settings pages pass axe-core and fit a tablet both ways."""

from __future__ import annotations

from django.utils.timezone import now
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from clinics.models import InvitationStatus, Membership
from tests.browser.exam_pages import TABLET_SIZES, axe_violations, sideways_overflow
from tests.dashboard.seed import releases_ensure, seed
from tests.factories import PASSWORD


def test_lead_pages_pass_axe_and_fit_the_tablet(
    live_server, page: Page, protocol, clinic, other_clinic, clinician, colleague, clinic_lead, outsider, screenshot
):
    releases_ensure()
    seed(clinic, other_clinic, clinician, colleague, outsider)
    colleague.set_unusable_password()  # the team page then shows "Invitation email failed — resend" in their row
    colleague.email = "bob@example.org"
    colleague.save()
    Membership.objects.filter(user=colleague).update(invitation_status=InvitationStatus.FAILED, invitation_at=now())
    pages = {
        "dashboard": "/dashboard/",
        "dashboard-90": f"/dashboard/?period=90&clinician={colleague.pk}",
        "dashboard-refused": "/dashboard/?period=custom&start=2026-05-10&end=2026-05-01",
        "exams-override": "/dashboard/exams/?period=30&facet=override&value=sij_pain",
        "team": "/team/",
        "team-add": "/team/add/",
        "team-edit": f"/team/{clinician.membership.pk}/",
        "clinic": "/clinic/settings/",
    }
    device = TOTPDevice.objects.create(user=clinic_lead, name="phone", confirmed=True)  # leads must use 2FA
    problems = {}
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "carol")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=code]").fill(f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
    page.locator("input[name=code]").press("Enter")  # one sign-in: a code is accepted only once
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()  # leads land here
    for width, height in TABLET_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            screenshot(f"lead-{width}x{height}-{name}")
            overflow, violations = sideways_overflow(page), axe_violations(page)
            if overflow > 0 or violations:
                problems[(width, height, name)] = {"overflow": overflow, "axe": violations}
    assert problems == {}
