"""The history step on screen and through the API: tap, type, refusals naming the field, conflicts, read-only."""

import datetime as dt

import pytest
from django.utils import timezone

from exams import services
from exams.assessment import exam_duration_weeks
from exams.models import Exam, ExamHistory, Status
from exams.services.locking import exam_bump
from tests.exams.conftest import exam_url, htmx_post
from tests.factories import ExamFactory

API = "/api/v1/exams/{}/history"


def _post(client, exam, field, value, version=None):
    data = {"field": field, "value": value, "version": version or exam.version}
    return htmx_post(client, exam_url("history-record", exam), data)


def test_history_is_the_second_step_after_the_red_flags(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "red_flags")).content.decode()

    assert f'href="{exam_url("exam-step", exam, "history")}" rel="next"' in html


def test_history_step_shows_every_group_with_labelled_controls(client_clinician, exam):
    response = client_clinician.get(exam_url("exam-step", exam, "history"))

    html = response.content.decode()
    assert response.status_code == 200
    for heading in ["Onset", "Time since onset", "Pain", "What makes it worse or better", "Treatment and background"]:
        assert f">{heading}</h2>" in html
    assert html.count('name="value" value="7" class="choice"') == 4  # pain now, at worst, two activities
    assert '<label for="history-medication-input">Medication</label>' in html
    assert f'max="{timezone.localdate().isoformat()}"' in html  # the date picker offers no future day
    assert "on the exam date (from the date of birth)." in html


def test_tapping_a_pain_score_saves_it_and_answers_the_control(client_clinician, exam):
    response = _post(client_clinician, exam, "pain_now", "7")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="history-pain_now"')
    assert 'id="history-pain_now-7" name="value" value="7" class="choice" aria-pressed="true"' in html
    assert '"Saved: Pain now 7 out of 10"' in response["HX-Trigger"]
    assert ExamHistory.objects.get(exam=exam).pain_now == 7


def test_giving_the_weeks_redraws_the_cleared_date_and_the_duration(client_clinician, exam):
    services.history_record(exam=exam, changes={"onset_date": "2026-11-01"}, version=1)

    response = _post(client_clinician, exam, "onset_weeks", "6")

    html = response.content.decode()
    assert '<form id="history-onset_date" class="history-control history-date"' in html
    assert 'hx-swap-oob="true"' in html
    assert "6 weeks since onset, as the patient recalls." in html


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pain_worst", "11", "Pain at worst must be from 0 to 10"),
        ("onset_date", "2999-01-01", "Onset date cannot be in the future"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field_and_nothing_saved_is_lost(client_clinician, exam, field, value, words):
    services.history_record(exam=exam, changes={"pain_worst": 8, "onset_weeks": 4}, version=1)

    response = _post(client_clinician, exam, field, value)

    assert response.status_code == 400
    assert words in response.content.decode()
    row = ExamHistory.objects.get(exam=exam)
    assert (row.pain_worst, row.onset_weeks) == (8, 4)


def test_a_bad_value_without_javascript_redraws_the_page_with_the_message(client_clinician, exam):
    response = client_clinician.post(
        exam_url("history-record", exam), {"field": "pain_now", "value": "12", "version": 1}
    )

    assert response.status_code == 400
    assert "Pain now must be from 0 to 10" in response.content.decode()


def test_a_stale_change_of_the_same_field_is_409_and_shows_the_other_value(client_clinician, exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)

    response = _post(client_clinician, exam, "pain_now", "2", version=1)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Changed on another device" in html
    assert "It now reads: “6”" in html
    assert ExamHistory.objects.get(exam=exam).pain_now == 6


def test_a_finished_exam_shows_the_history_read_only_and_refuses_changes(client_clinician, exam):
    services.history_record(exam=exam, changes={"medication": "Naproxen"}, version=1)
    exam_bump(locked=Exam.objects.get(pk=exam.pk), exam=exam, status=Status.SIGNED)

    page = client_clinician.get(exam_url("exam-step", exam, "history")).content.decode()
    refused = _post(client_clinician, exam, "medication", "None")

    assert 'name="value" rows="2" maxlength="1000" disabled>Naproxen</textarea>' in page
    assert refused.status_code == 409
    assert ExamHistory.objects.get(exam=exam).medication == "Naproxen"


def test_summary_shows_the_history(client_clinician, exam):
    services.history_record(
        exam=exam,
        changes={"onset": "sudden", "mechanism": "Slipped on ice", "pain_now": 3, "pain_worst": 8, "onset_weeks": 5},
        version=1,
    )

    html = client_clinician.get(exam_url("exam-step", exam, "summary")).content.decode()

    assert "Slipped on ice" in html
    assert "3/10 now, 8/10 at worst" in html
    assert "5 weeks" in html


def test_summary_says_when_no_history_was_taken(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "summary")).content.decode()

    assert "No history recorded" in html


def test_api_reads_an_empty_history_with_the_age(api_client, exam):
    response = api_client.get(API.format(exam.pk))

    assert response.status_code == 200
    body = response.json()
    assert (body["pain_now"], body["mechanism"], body["onset_date"]) == (None, "", None)
    assert body["version"] == 1
    assert isinstance(body["age"], int)


def test_api_patch_saves_some_fields_and_reports_the_duration(api_client, exam):
    onset = (timezone.localdate() - dt.timedelta(weeks=3)).isoformat()

    response = api_client.patch(
        API.format(exam.pk), {"onset_date": onset, "pain_worst": 8, "version": 1}, format="json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["pain_worst"], body["duration_weeks"], body["version"], body["changed"]) == (8, 3, 2, True)
    assert body["revisions"] == {"onset_date": 2, "pain_worst": 2}
    detail = api_client.get(f"/api/v1/exams/{exam.pk}/").json()
    assert detail["history"]["pain_worst"] == 8


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain_now": 11}, "pain_now"),
        ({"onset_date": "2999-01-01"}, "onset_date"),
        ({"onset": "slowly"}, "onset"),
        ({"colour": "red"}, "colour"),
        ({"medication": "x" * 1001}, "medication"),
    ],
)
def test_api_refuses_bad_history_naming_the_field(api_client, exam, body, field):
    response = api_client.patch(API.format(exam.pk), {**body, "version": 1}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not ExamHistory.objects.exists()


def test_api_stale_patch_is_409_with_the_current_value(api_client, exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)

    response = api_client.patch(API.format(exam.pk), {"pain_now": 1, "version": 1}, format="json")

    assert response.status_code == 409
    assert response.json()["current"] == 6
    assert response.json()["version"] == 2


def test_api_history_of_another_clinics_exam_is_404(api_outsider, exam):
    assert api_outsider.get(API.format(exam.pk)).status_code == 404
    assert api_outsider.patch(API.format(exam.pk), {"pain_now": 1, "version": 1}, format="json").status_code == 404


def test_an_exam_started_yesterday_counts_weeks_to_its_own_date(exam, patient, clinician):
    earlier = ExamFactory(patient=patient, clinician=clinician, status=Status.SIGNED)
    Exam.objects.filter(pk=earlier.pk).update(started_at=timezone.now() - dt.timedelta(days=14))
    earlier.refresh_from_db()
    ExamHistory.objects.create(exam=earlier, onset_date=timezone.localdate() - dt.timedelta(days=28))

    assert exam_duration_weeks(earlier, earlier.history) == 2
