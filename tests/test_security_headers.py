"""Headers every response carries: a Content-Security-Policy without inline script, and no-store for patient data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_sign_in_page_carries_a_policy_that_refuses_inline_and_foreign_scripts(client):
    response = client.get("/accounts/login/")

    scripts = _directives(response)["script-src"]
    assert "'self'" in scripts
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert _directives(response)["object-src"] == ["'none'"]
    assert _directives(response)["frame-ancestors"] == ["'none'"]


def test_every_script_tag_on_a_page_carries_the_nonce_of_its_response(client_clinician, patient):
    response = client_clinician.get(f"/patients/{patient.pk}/")

    nonce = next(v for v in _directives(response)["script-src"] if v.startswith("'nonce-"))[len("'nonce-") : -1]
    tags = re.findall(rb"<script\b[^>]*>", response.content)
    assert tags
    for tag in tags:
        assert f'nonce="{nonce}"'.encode() in tag


@pytest.mark.parametrize("path", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")))
def test_no_template_holds_an_inline_script_or_event_handler(path):
    text = (TEMPLATES / path).read_text()

    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag, f"inline <script> in {path}: move it to a static file"
    assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {path}"


@pytest.mark.parametrize("path", ["/patients/", "/accounts/login/", "/api/v1/patients/", "/api/schema/"])
def test_dynamic_responses_are_never_stored(client_clinician, path):
    response = client_clinician.get(path)

    assert "no-store" in response["Cache-Control"]


def test_token_api_answers_are_never_stored(api_client, patient):
    response = api_client.get(f"/api/v1/patients/{patient.pk}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_exam_step_pages_keep_their_own_policy_and_gain_no_store(client_clinician, patient, protocol):
    started = client_clinician.post(reverse("exams:exam-start", args=[patient.pk]), follow=True)

    assert started.status_code == 200
    assert "no-store" in started["Cache-Control"]
