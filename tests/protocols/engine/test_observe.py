"""The familiar-pain rule and the affected-side rule, on a one-maneuver protocol (LR+ 4, LR- 0.25)."""

from __future__ import annotations

import pytest

from protocols.engine import assess
from tests.protocols.engine.fixtures import EQ, NEG, POS, L, R, acc, entry, exam, f, man, odds, prob, protocol_make

PROTOCOL = protocol_make(
    [
        man("prov", acc("a", 4.0, 0.25)),
        man("deficit", acc("a", 4.0, 0.25), provocation=False),
        man("crossed", acc("a", 4.0, 0.25), either_side=True),
        man("midline", acc("a", 4.0, 0.25), sided=False),
    ]
)
PRIOR = 0.2


def _ratio(assessment) -> float:
    return odds(prob(assessment, "a")) / odds(PRIOR)


def test_provocation_with_familiar_pain_counts_as_positive():
    assert _ratio(assess(PROTOCOL, exam(f("prov", POS, L, True), side=L))) == pytest.approx(4.0)


def test_provocation_without_familiar_pain_counts_as_negative():
    result = assess(PROTOCOL, exam(f("prov", POS, L, False), side=L))
    assert _ratio(result) == pytest.approx(0.25)
    item = entry(result, "a").against[0]
    assert item.result is NEG
    assert "not the familiar pain" in item.note
    assert entry(result, "a").supporting == ()


def test_provocation_with_familiar_pain_not_recorded_is_not_counted():
    result = assess(PROTOCOL, exam(f("prov", POS, L, None), side=L))
    assert prob(result, "a") == pytest.approx(PRIOR)
    assert any("familiar pain not recorded" in note for note in result.notes)


@pytest.mark.parametrize("familiar", [True, False, None])
def test_non_provocation_maneuver_ignores_familiar_pain(familiar):
    assert _ratio(assess(PROTOCOL, exam(f("deficit", POS, L, familiar), side=L))) == pytest.approx(4.0)


def test_positive_on_the_unaffected_side_supports_nothing():
    result = assess(PROTOCOL, exam(f("prov", POS, R), side=L))
    assert prob(result, "a") == pytest.approx(PRIOR)
    assert entry(result, "a").supporting == ()
    assert any("unaffected side" in note for note in result.notes)


def test_only_the_affected_side_counts_when_both_are_recorded():
    result = assess(PROTOCOL, exam(f("prov", NEG, L), f("prov", POS, R), side=L))
    assert _ratio(result) == pytest.approx(0.25)


def test_affected_side_is_inferred_from_pain_regions_on_one_side():
    findings = (f("prov", NEG, L), f("prov", POS, R))
    result = assess(PROTOCOL, exam(*findings, regions=(("deep_buttock", R), ("lateral_hip", R))))
    assert _ratio(result) == pytest.approx(4.0)


def test_unknown_side_takes_a_positive_on_either_side():
    findings = (f("prov", NEG, L), f("prov", POS, R))
    result = assess(PROTOCOL, exam(*findings, regions=(("deep_buttock", L), ("deep_buttock", R))))
    assert _ratio(result) == pytest.approx(4.0)


def test_unknown_side_counts_negative_only_when_every_recorded_side_is_negative():
    both_negative = assess(PROTOCOL, exam(f("prov", NEG, L), f("prov", NEG, R)))
    one_equivocal = assess(PROTOCOL, exam(f("prov", NEG, L), f("prov", EQ, R)))
    assert _ratio(both_negative) == pytest.approx(0.25)
    assert _ratio(one_equivocal) == pytest.approx(1.0)


def test_either_side_maneuver_counts_from_the_side_recorded():
    result = assess(PROTOCOL, exam(f("crossed", POS, R), side=L))
    assert _ratio(result) == pytest.approx(4.0)


def test_unsided_maneuver_counts_whatever_the_affected_side():
    result = assess(PROTOCOL, exam(f("midline", POS, None), side=R))
    assert _ratio(result) == pytest.approx(4.0)
