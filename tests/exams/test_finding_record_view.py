import json

import pytest

from exams.assessment import exam_assess
from exams.models import Finding, Status
from exams.panel import percent_text
from protocols.engine.serialize import probability_display
from tests.exams.conftest import answered_elsewhere, exam_url, htmx_post
from tests.factories import FindingFactory
from tests.html import by_class, by_id, elements

MANEUVERS = [
    "fair",
    "seated_piriformis_stretch",
    "active_piriformis",
    "pace_sign",
    "freiberg_sign",
    "puranen_orava",
    "bent_knee_stretch",
    "modified_bent_knee_stretch",
    "long_stride_walking",
    "ifi_test",
]


def tap(exam, **overrides):
    return {
        "maneuver": "fair",
        "side": "left",
        "result": "positive",
        "familiar_pain": "yes",
        "version": exam.version,
        **overrides,
    }


def test_tap_returns_the_row_the_differential_and_the_new_version(client_clinician, exam):
    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam))

    assert response.status_code == 200
    html = response.content.decode()
    first = elements(html)[0]
    assert (first.tag, first.attrs["id"]) == ("form", "finding-fair-left")  # the swap target leads
    assert first.attrs["hx-target"] == "#finding-fair-left"  # a tap redraws its own side, not the card
    assert 'id="finding-fair-right"' not in html
    assert by_id(html, "differential").attrs.get("hx-swap-oob") == "true"
    version = by_id(html, "exam-version")
    assert (version.attrs["value"], version.attrs.get("hx-swap-oob")) == ("2", "true")
    assert "✓ Saved" in first.text
    event = json.loads(response["HX-Trigger"])["examStatus"]
    assert event["version"] == 2
    assert event["message"].startswith("Saved: FAIR test")
    assert event["stale"] is False  # nobody else wrote: the offline queue may send its next tap at version 2


def test_differential_names_the_probability_as_text(client_clinician, exam):
    html = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam)).content.decode()

    # The figures are the engine's (tested there); the view shows the head of a fresh assessment in words.
    head = exam_assess(exam).differential[0]
    shown = [e.text for e in by_class(html, "prob-value")]
    assert shown[0] == percent_text(probability_display(head.probability))
    assert head.label in by_id(html, "differential").text


def test_same_tap_twice_says_already_saved(client_clinician, exam):
    # Storing once without a version bump is the service's rule (tests/exams/test_answer_services.py).
    htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam, version=1))
    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam, version=1))

    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"])["examStatus"]["message"].startswith("Already saved")


def test_without_javascript_a_tap_redirects_back_to_the_maneuver(client_clinician, exam):
    response = client_clinician.post(exam_url("finding-record", exam), tap(exam))

    assert response.status_code == 302
    assert response["Location"] == exam_url("exam-step", exam, "deep_gluteal") + "#finding-fair-left"
    assert Finding.objects.get().result == "positive"


def test_tapped_button_wins_over_the_hidden_current_value(client_clinician, exam):
    client_clinician.post(
        exam_url("finding-record", exam),
        "maneuver=fair&side=left&result=positive&familiar_pain=&version=1&result=negative",
        content_type="application/x-www-form-urlencoded",
    )

    assert Finding.objects.get().result == "negative"


def test_stale_tablet_gets_409_naming_the_current_value_and_nothing_changes(client_clinician, colleague, exam):
    answered_elsewhere(exam)

    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam, version=1))

    assert response.status_code == 409
    assert response["HX-Retarget"] == "#step-body"
    assert response["HX-Reswap"] == "outerHTML"
    html = response.content.decode()
    assert "Changed on another device" in html
    assert "It now reads: Negative" in html
    version = by_id(html, "exam-version")
    assert (version.attrs["value"], version.attrs.get("hx-swap-oob")) == ("2", "true")
    assert Finding.objects.get().result == "negative"
    exam.refresh_from_db()
    assert exam.version == 2
    # The offline queue shows both answers from this event: the stored one in words, and the version to send.
    event = json.loads(response["HX-Trigger"])["examStatus"]
    assert (event["state"], event["current"], event["version"]) == ("conflict", "Negative", 2)


def test_stale_tablet_without_javascript_sees_the_conflict_on_the_page(client_clinician, exam):
    answered_elsewhere(exam)

    response = client_clinician.post(exam_url("finding-record", exam), tap(exam, version=1))

    assert response.status_code == 409
    assert "It now reads: Negative" in response.content.decode()


def test_stale_version_on_an_untouched_answer_is_saved_and_the_step_redrawn(client_clinician, exam):
    FindingFactory(exam=exam, maneuver="fair", side="right", result="negative", familiar_pain=None, revision=2)
    exam.version = 2
    exam.save()

    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam, version=1))

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#step-body"
    assert Finding.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"maneuver": "fiar"},
        {"side": ""},
        {"maneuver": "sij_distraction"},
        {"result": "maybe"},
        {"version": "abc"},
        {"version": 999},
        {"familiar_pain": "perhaps"},
        {"maneuver": "x" * 200},
    ],
)
def test_bad_input_is_400_with_a_message(client_clinician, exam, overrides):
    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam, **overrides))

    assert response.status_code == 400
    assert response["HX-Retarget"] == "#exam-alert"
    assert by_class(response.content.decode(), "problem", "p")
    assert not Finding.objects.exists()


def test_bad_input_without_javascript_is_400_on_the_page(client_clinician, exam):
    response = client_clinician.post(exam_url("finding-record", exam), tap(exam, maneuver="fiar"))

    assert response.status_code == 400
    assert "Unknown maneuver" in response.content.decode()


def test_signed_exam_refuses_the_tap_with_a_message(client_clinician, exam):
    # The read-only rule is the service's (tests/exams/test_answer_services.py); the view shows it.
    exam.status = Status.SIGNED
    exam.save()

    response = htmx_post(client_clinician, exam_url("finding-record", exam), tap(exam))

    assert response.status_code == 409
    assert response["HX-Retarget"] == "#step-body"
    html = response.content.decode()
    alert = by_id(html, "exam-alert")
    assert alert.attrs.get("hx-swap-oob") == "true"
    assert alert.text.startswith("This exam is signed and read-only")
    buttons = [e for e in elements(html) if e.tag == "button" and e.attrs.get("name") == "result"]
    assert buttons
    assert all("disabled" in b.attrs for b in buttons)


def test_outsider_gets_404(client_outsider, exam):
    response = htmx_post(client_outsider, exam_url("finding-record", exam), tap(exam))

    assert response.status_code == 404
    assert not Finding.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, exam):
    response = client.post(exam_url("finding-record", exam), tap(exam))

    assert response.status_code == 302
    assert not Finding.objects.exists()


def test_get_is_not_allowed(client_clinician, exam):
    assert client_clinician.get(exam_url("finding-record", exam)).status_code == 405


@pytest.mark.parametrize("recorded", [1, 20])
def test_save_costs_the_same_queries_with_1_or_20_findings(client_clinician, exam, recorded, django_assert_num_queries):
    sides = [(m, s) for m in MANEUVERS for s in ("left", "right")][:recorded]
    for maneuver, side in sides:
        FindingFactory(exam=exam, maneuver=maneuver, side=side, result="negative", familiar_pain=None)
    # session, user, membership + clinic; the request's savepoint (a write commits with its event); the exam,
    # locked, with patient, history and its release's digest; every answer in one UNION ALL, version bump,
    # finding write; the audit event: the exam's patient, the insert; release.
    with django_assert_num_queries(11):
        response = htmx_post(
            client_clinician, exam_url("finding-record", exam), tap(exam, maneuver="slump", side="left")
        )
    assert response.status_code == 200
