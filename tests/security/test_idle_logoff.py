"""Idle logoff after IDLE_TIMEOUT_MINUTES without a request, and an absolute limit per session (frozen clock)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
PATIENTS = "/patients/"


@pytest.fixture
def signed_in(client, clinician, password):
    client.post(reverse("login"), {"username": "alice", "password": password})
    return client


def test_idle_past_the_limit_signs_out_and_returns_after_sign_in(signed_in, settings):
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(minutes=settings.IDLE_TIMEOUT_MINUTES, seconds=5)):
        response = signed_in.get(PATIENTS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=%2Fpatients%2F" in response["Location"]
    assert "ended=idle" in response["Location"]
    assert "_auth_user_id" not in signed_in.session


def test_activity_keeps_the_session_alive(signed_in, settings):
    start = timezone.now()
    for minutes in (10, 20, 30):
        with time_machine.travel(start + dt.timedelta(minutes=minutes)):
            assert signed_in.get(PATIENTS).status_code == 200


def test_the_warnings_status_check_is_not_activity(signed_in, settings):
    start = timezone.now()
    limit = settings.IDLE_TIMEOUT_MINUTES
    with time_machine.travel(start + dt.timedelta(minutes=limit - 1)):
        status = signed_in.get(reverse("security:session-status")).json()
        assert 0 < status["seconds_left"] <= 60
    with time_machine.travel(start + dt.timedelta(minutes=limit, seconds=5)):
        assert signed_in.get(PATIENTS).status_code == 302


def test_stay_signed_in_restarts_the_idle_clock(signed_in, settings):
    start = timezone.now()
    limit = settings.IDLE_TIMEOUT_MINUTES
    with time_machine.travel(start + dt.timedelta(minutes=limit - 1)):
        assert signed_in.post(reverse("security:session-status")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=limit + 5)):
        assert signed_in.get(PATIENTS).status_code == 200


def test_the_absolute_limit_ends_even_a_busy_session(signed_in, settings):
    settings.SESSION_MAX_HOURS = 1
    start = timezone.now()
    for minutes in range(10, 60, 10):
        with time_machine.travel(start + dt.timedelta(minutes=minutes)):
            assert signed_in.get(PATIENTS).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=61)):
        response = signed_in.get(PATIENTS)
    assert "ended=expired" in response["Location"]


def test_an_idle_api_session_call_answers_401_json(signed_in, settings):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=settings.IDLE_TIMEOUT_MINUTES + 1)):
        response = signed_in.get("/api/v1/patients/")
    assert response.status_code == 401
    assert response.json()["code"] == "signed_out"


def test_pages_carry_the_limit_for_the_warning_script(signed_in, settings):
    html = signed_in.get(PATIENTS).content.decode()
    assert f'data-idle-seconds="{settings.IDLE_TIMEOUT_MINUTES * 60}"' in html
    assert "js/idle-logoff.js" in html
