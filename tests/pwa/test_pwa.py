"""The installable shell: manifest, root-scoped service worker versioned by content, offline page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from exams.models import Exam
from pwa import shell
from tests.browser.exam_pages import exam_ready


@pytest.mark.django_db
def test_manifest_names_the_app_its_icons_and_standalone_display(client: Client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    body = json.loads(response.content)
    assert body["display"] == "standalone"
    assert body["start_url"] == "/"
    assert body["scope"] == "/"
    assert {(icon["sizes"], icon["purpose"]) for icon in body["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in body["icons"]:  # every icon is really served
        assert client.get(icon["src"]).status_code == 200


@pytest.mark.django_db
def test_service_worker_is_served_from_the_root_as_javascript_without_a_session(client: Client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert f'"version": "{shell.shell_version()}"' in body
    for url in shell.shell_urls():
        assert url in body


def test_worker_version_follows_the_content_of_the_shell(monkeypatch, tmp_path):
    before = shell.shell_version()
    changed = tmp_path / "exam.js"
    changed.write_text("// a new deploy")
    real_find = shell.finders.find
    monkeypatch.setattr(shell.finders, "find", lambda name: str(changed) if name == "js/exam.js" else real_find(name))
    assert shell.shell_version() != before


@pytest.mark.django_db
def test_offline_page_holds_no_patient_data_and_needs_no_session(client: Client):
    response = client.get("/offline/")
    assert response.status_code == 200
    assert b"No connection" in response.content
    assert b"csrfmiddlewaretoken" not in response.content


@pytest.mark.django_db
def test_every_page_links_the_manifest_and_names_the_signed_in_user(client_clinician: Client, clinician):
    page = client_clinician.get("/patients/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert f'<meta name="exam-user" content="{clinician.pk}">' in page
    assert "data-sign-out" in page


@pytest.mark.django_db
def test_keeping_an_exam_offline_does_not_move_its_resume_point(client_clinician: Client, clinician, patient):
    exam = exam_ready(patient, clinician)
    response = client_clinician.get(f"/exams/{exam.pk}/step/hamstring/", headers={"X-Exam-Prefetch": "1"})
    assert response.status_code == 200
    assert Exam.objects.get(pk=exam.pk).current_step == "red_flags"
    client_clinician.get(f"/exams/{exam.pk}/step/hamstring/")
    assert Exam.objects.get(pk=exam.pk).current_step == "hamstring"


@pytest.mark.django_db
def test_expired_session_on_a_tap_returns_to_the_page_it_was_made_on(client: Client, clinician, patient):
    exam = exam_ready(patient, clinician)
    page = f"http://testserver/exams/{exam.pk}/step/deep_gluteal/"
    response = client.post(
        f"/exams/{exam.pk}/findings/", {"maneuver": "fair"}, headers={"HX-Request": "true", "HX-Current-URL": page}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/accounts/login/?next=%2Fexams%2F{exam.pk}%2Fstep%2Fdeep_gluteal%2F"
