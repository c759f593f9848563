"""Completing with sided tests left out on the affected side, or a cluster half done, asks once.

A refused completion field says why beside the field."""

from __future__ import annotations

import pytest

from exams.assessment import exam_protocol
from exams.models import Status
from tests.exams.conftest import exam_url
from tests.exams.helpers import red_flags_answer_all
from tests.factories import FindingFactory


@pytest.fixture
def screened(exam):
    red_flags_answer_all(exam)
    return exam


def every_test_done(exam) -> None:
    protocol = exam_protocol(exam)
    for code, maneuver in protocol.maneuvers.items():
        for side in ("left", "right") if maneuver.sided else ("",):
            FindingFactory(exam=exam, maneuver=code, side=side, result="negative", familiar_pain=None)


def test_tests_left_out_on_the_affected_side_are_named_and_nothing_is_stored(client_clinician, screened):
    response = client_clinician.post(exam_url("exam-complete", screened), {"version": screened.version})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Complete with these left out?" in html
    assert "not tested on the affected (left) side" in html
    assert exam_protocol(screened).maneuvers["fair"].name in html
    assert 'name="confirm" value="yes"' in html
    screened.refresh_from_db()
    assert screened.status == Status.IN_PROGRESS


def test_confirming_once_completes(client_clinician, screened):
    response = client_clinician.post(
        exam_url("exam-complete", screened), {"version": screened.version, "confirm": "yes"}
    )

    assert response.status_code == 302
    screened.refresh_from_db()
    assert screened.status == Status.COMPLETED


def test_an_undecided_cluster_is_named(client_clinician, screened):
    every_test_done(screened)
    protocol = exam_protocol(screened)
    cluster = next(c for c in protocol.clusters.values() if c.threshold and len(c.members) > 2)
    # leave all but one member of the cluster untested on the unaffected side and unsided: half done
    from exams.models import Finding

    for member in cluster.members[1:]:
        Finding.objects.filter(exam=screened, maneuver=member).exclude(side="left").delete()
    Finding.objects.filter(exam=screened, maneuver__in=cluster.members[1:], side="left").delete()

    html = client_clinician.post(exam_url("exam-complete", screened), {"version": screened.version}).content.decode()

    assert "left undecided" in html


def test_with_every_test_done_it_completes_at_once(client_clinician, screened):
    every_test_done(screened)

    response = client_clinician.post(exam_url("exam-complete", screened), {"version": screened.version})

    assert response.status_code == 302
    screened.refresh_from_db()
    assert screened.status == Status.COMPLETED


def test_a_refused_reason_is_said_beside_its_field_and_the_answer_to_the_ask_is_kept(client_clinician, screened):
    response = client_clinician.post(
        exam_url("exam-complete", screened),
        {"version": screened.version, "final_diagnosis": "sij_pain", "override_reason": "", "confirm": "yes"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="override-error"' in html
    assert '<p id="override-error" class="field-error">' in html
    assert html.index('id="override-reason"') < html.index('id="override-error"')
    assert '<input type="hidden" name="confirm" value="yes">' in html  # not asked a second time


def test_missing_red_flags_are_said_beside_the_form(client_clinician, exam):
    html = client_clinician.post(
        exam_url("exam-complete", exam), {"version": exam.version, "confirm": "yes"}
    ).content.decode()

    assert 'class="field-error"' in html
    assert "Answer every red-flag question first" in html
