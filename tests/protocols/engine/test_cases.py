"""Realistic presentations for every condition: the expected structure heads the differential."""

from __future__ import annotations

import pytest

from protocols.engine import assess, exam_input_parse
from tests.protocols.engine.cases import CASES, TOO_CLOSE
from tests.protocols.engine.fixtures import real_protocol

PROTOCOL = real_protocol()


def _assess(raw):
    return assess(PROTOCOL, exam_input_parse(PROTOCOL, raw))


def test_cases_cover_every_condition_of_the_protocol():
    assert {expected for _, expected, _ in CASES.values()} == set(PROTOCOL.conditions)


@pytest.mark.parametrize("name", list(CASES))
def test_expected_condition_heads_the_differential(name):
    raw, expected, _ = CASES[name]
    assert _assess(raw).differential[0].condition == expected


@pytest.mark.parametrize("name", [n for n, (_, _, conclusive) in CASES.items() if conclusive])
def test_conclusive_findings_give_the_working_diagnosis(name):
    raw, expected, _ = CASES[name]
    assert _assess(raw).working_diagnosis == expected


@pytest.mark.parametrize("name", [n for n, (_, _, conclusive) in CASES.items() if not conclusive])
def test_inconclusive_findings_leave_the_working_diagnosis_open_and_say_what_next(name):
    assessment = _assess(CASES[name][0])
    assert assessment.working_diagnosis is None
    assert assessment.suggested_next


def test_too_close_to_call_returns_no_working_diagnosis_and_tests_that_separate_the_leaders():
    assessment = _assess(TOO_CLOSE)
    leaders = {e.condition for e in assessment.differential[:2]}
    assert leaders == {"piriformis_syndrome", "sij_pain"}
    assert assessment.working_diagnosis is None
    suggested = [s.maneuver for s in assessment.suggested_next]
    assert suggested
    assert suggested[0] in {"fair", "sij_thigh_thrust", "sij_compression", "sij_sacral_thrust"}
    assert all(s.side is None or s.side.value == "left" for s in assessment.suggested_next)
