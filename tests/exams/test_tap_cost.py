"""What one tap costs and that the cheaper tap still assesses the whole exam as stored (issue 19).

A tap reads every answer once, under the exam's lock, in one query, and re-assesses from that plus its own
write; these tests pin the round trips (constant in the number of answers) and check that what a tap draws
is exactly what a fresh read of the database draws, also when another tablet wrote in between.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from exams import services
from exams.models import Exam
from exams.selectors import exam_get
from exams.views.rendering import PAGE, step_context
from tests.exams.conftest import exam_url, htmx_post
from tests.factories import FindingFactory

SIDED = ["fair", "seated_piriformis_stretch", "active_piriformis", "pace_sign", "freiberg_sign", "ifi_test"]
RED_FLAGS = ["bladder_dysfunction", "bowel_dysfunction", "history_of_cancer", "unexplained_weight_loss"]

# Every kind of tap, as exam.js posts it, and the screen it belongs to.
TAPS = [
    ("finding-record", {"maneuver": "slump", "side": "left", "result": "positive", "familiar_pain": "yes"}),
    ("red-flag-record", {"code": "night_pain_unrelenting", "present": "no"}),
    ("pain-region-set", {"region": "deep_buttock", "side": "left", "present": "yes"}),
    ("symptom-set", {"code": "worse_sitting", "present": "yes"}),
    ("affected-side-set", {"side": "right", "expected": "left"}),
]

# Session, user, membership + clinic; the request's transaction (a savepoint in a test: audit.middleware, a
# write and its event commit together) and its end; the exam, locked, with patient, history and its release's
# digest joined; every answer in one UNION ALL; the version bump; the answer's own write (none for the affected
# side, which lives on the exam row); the audit event. Nothing here grows with the answers.
TAP_QUERIES = {
    "finding-record": 10,
    "red-flag-record": 10,
    "pain-region-set": 10,
    "symptom-set": 10,
    "affected-side-set": 9,
}


def _record(exam: Exam, findings: int) -> None:
    for maneuver, side in [(m, s) for m in SIDED for s in ("left", "right")][:findings]:
        FindingFactory(exam=exam, maneuver=maneuver, side=side, result="negative", familiar_pain=None)
    for code in RED_FLAGS[: findings // 4]:
        services.red_flag_record(exam=exam, code=code, present=False, version=exam.version)


@pytest.mark.parametrize(("name", "data"), TAPS)
@pytest.mark.parametrize("findings", [0, 12])
def test_a_tap_costs_the_same_round_trips_however_many_answers(
    client_clinician, exam, name, data, findings, django_assert_num_queries
):
    _record(exam, findings)
    client_clinician.get(exam_url("exam-step", exam, "red_flags"))  # warm the per-process caches
    exam.refresh_from_db()
    before = exam.version

    with django_assert_num_queries(TAP_QUERIES[name]):
        response = htmx_post(client_clinician, exam_url(name, exam), {**data, "version": before})

    assert response.status_code == 200
    exam.refresh_from_db()
    assert exam.version == before + 1


def _fresh_differential(request, exam: Exam) -> str:
    """The differential as a fresh read of the database draws it (what reloading the page would show)."""
    fresh = exam_get(clinic=exam.clinic, pk=exam.pk)
    context = step_context(fresh, "red_flags", screen=False)
    return render_to_string(f"{PAGE}#differential", {**context, "oob": True}, request=request)


def test_every_tap_draws_what_a_fresh_read_of_the_database_draws(client_clinician, exam, rf, clinician):
    request = rf.get("/")
    request.user = clinician
    taps = [
        *TAPS,
        ("finding-record", {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": "yes"}),
        ("finding-record", {"maneuver": "fair", "side": "left", "result": "negative"}),
        ("red-flag-record", {"code": "saddle_anaesthesia", "present": "yes"}),  # the banner and unsafe marks
        ("pain-region-set", {"region": "deep_buttock", "side": "left", "present": "no"}),
        ("symptom-set", {"code": "worse_sitting", "present": "no"}),
        ("red-flag-record", {"code": "saddle_anaesthesia", "present": "no"}),
    ]
    for name, data in taps:
        exam.refresh_from_db()
        response = htmx_post(client_clinician, exam_url(name, exam), {**data, "version": exam.version})

        assert response.status_code == 200, (name, data)
        assert _fresh_differential(request, exam) in response.content.decode(), (name, data)


def test_a_tap_after_another_tablet_wrote_assesses_both_answers(client_clinician, exam, rf, clinician):
    request = rf.get("/")
    request.user = clinician
    seen = exam.version
    # The other tablet records a positive thigh thrust; this one has not seen it and taps another maneuver.
    services.finding_record(
        exam=exam, maneuver="sij_thigh_thrust", side="left", result="positive", familiar_pain=True, version=seen
    )
    data = {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": "yes", "version": seen}

    response = htmx_post(client_clinician, exam_url("finding-record", exam), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert response["HX-Retarget"] == "#step-body"  # its screen was stale: redrawn whole
    assert _fresh_differential(request, exam) in html
    assert exam.findings.count() == 2
