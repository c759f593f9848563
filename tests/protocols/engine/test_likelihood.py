"""Odds updates: preferred estimates only, computed LRs, inverted and unconfirmed estimates, clamping."""

from __future__ import annotations

import pytest

from protocols.engine import assess
from protocols.engine.types import Basis
from tests.protocols.engine.fixtures import (
    EQ,
    NEG,
    NT,
    POS,
    L,
    acc,
    entry,
    exam,
    f,
    man,
    odds,
    prob,
    protocol_make,
)


def _ratio(maneuver, result=POS, condition="a", prior=0.2) -> float:
    assessment = assess(protocol_make([maneuver]), exam(f(maneuver.code, result), side=L))
    return odds(prob(assessment, condition)) / odds(prior)


def test_positive_multiplies_prior_odds_by_lr_plus():
    # prior 0.2 is odds 0.25; times LR+ 4 is odds 1, probability 0.5
    assessment = assess(protocol_make([man("t", acc("a", 4.0, 0.25))]), exam(f("t"), side=L))
    assert prob(assessment, "a") == pytest.approx(0.5)


def test_negative_multiplies_by_lr_minus():
    assert _ratio(man("t", acc("a", 4.0, 0.25)), NEG) == pytest.approx(0.25)


@pytest.mark.parametrize("result", [EQ, NT])
def test_equivocal_and_not_tested_change_nothing(result):
    assert _ratio(man("t", acc("a", 4.0, 0.25)), result) == pytest.approx(1.0)


def test_only_the_preferred_estimate_is_used():
    maneuver = man("t", acc("a", 9.0, 0.1, preferred=False), acc("a", 2.0, 0.5))
    assert _ratio(maneuver) == pytest.approx(2.0)


def test_missing_lrs_are_computed_from_sensitivity_and_specificity():
    maneuver = man("t", acc("a", sensitivity=0.8, specificity=0.9))
    assert _ratio(maneuver, POS) == pytest.approx(0.8 / 0.1)
    assert _ratio(maneuver, NEG) == pytest.approx(0.2 / 0.9)


def test_specificity_of_one_gives_the_ceiling_not_a_division_error():
    maneuver = man("t", acc("a", sensitivity=0.4, specificity=1.0))
    assert _ratio(maneuver, POS) == pytest.approx(20.0)


def test_inverted_published_estimate_carries_no_weight_and_says_why():
    maneuver = man("faber", acc("a", 0.82, 1.94))
    assert _ratio(maneuver, POS) == pytest.approx(1.0)
    assert _ratio(maneuver, NEG) == pytest.approx(1.0)
    assessment = assess(protocol_make([maneuver]), exam(f("faber"), side=L))
    item = entry(assessment, "a").supporting[0]
    assert item.counted is False
    assert "did not discriminate" in item.note


def test_judgement_estimate_below_one_is_applied_as_the_authors_set_it():
    maneuver = man("centralises", acc("a", 0.5, 1.0, basis=Basis.JUDGEMENT))
    assert _ratio(maneuver, POS) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("lr_pos", "lr_neg", "result", "expected"),
    [
        (37.0, 0.5, POS, 20.0),
        (3.0, 0.01, NEG, 0.05),
    ],
)
def test_every_single_lr_is_clamped(lr_pos, lr_neg, result, expected):
    assert _ratio(man("t", acc("a", lr_pos, lr_neg)), result) == pytest.approx(expected)


def test_unconfirmed_estimate_is_shown_but_not_used():
    maneuver = man("t", acc("a", 5.0, 0.2, confirmed=False))
    assert _ratio(maneuver) == pytest.approx(1.0)
    assessment = assess(protocol_make([maneuver]), exam(f("t"), side=L))
    item = entry(assessment, "a").supporting[0]
    assert item.counted is False
    assert "not confirmed" in item.note


def test_unconfirmed_estimate_gives_way_to_an_explicit_judgement_entry():
    maneuver = man("t", acc("a", 5.0, 0.2, confirmed=False), acc("a", 2.0, 0.6, basis=Basis.JUDGEMENT))
    assert _ratio(maneuver) == pytest.approx(2.0)


def test_judgement_weight_is_used_and_labelled():
    maneuver = man("crest", acc("a", 4.0, 0.4, basis=Basis.JUDGEMENT, source=None))
    assessment = assess(protocol_make([maneuver]), exam(f("crest"), side=L))
    item = entry(assessment, "a").supporting[0]
    assert item.basis is Basis.JUDGEMENT
    assert odds(prob(assessment, "a")) / odds(0.2) == pytest.approx(4.0)
    assert "judgement (protocol authors)" in entry(assessment, "a").evidence


def test_target_without_any_estimate_is_shown_and_not_weighted():
    maneuver = man("pace", targets=("a",))
    assessment = assess(protocol_make([maneuver]), exam(f("pace"), side=L))
    assert prob(assessment, "a") == pytest.approx(0.2)
    assert entry(assessment, "a").supporting[0].counted is False


def test_one_maneuver_updates_each_condition_it_informs_separately():
    maneuver = man("t", acc("a", 4.0, 0.25), acc("b", 2.0, 0.5))
    assessment = assess(protocol_make([maneuver]), exam(f("t"), side=L))
    assert odds(prob(assessment, "a")) / odds(0.2) == pytest.approx(4.0)
    assert odds(prob(assessment, "b")) / odds(0.2) == pytest.approx(2.0)
    assert prob(assessment, "c") == pytest.approx(0.1)
