"""Symptoms and pain regions shift priors modestly, within the protocol's history bounds."""

from __future__ import annotations

import pytest

from protocols.engine import assess
from protocols.engine.history_items import age_item_holds
from protocols.engine.rules import AgeItem
from protocols.engine.types import Basis
from tests.protocols.engine.fixtures import L, R, entry, exam, feature, odds, prob, protocol_make

FEATURES = [
    feature("symptom", "worse_sitting", "a", 1.3),
    feature("symptom", "worse_stairs_or_uphill", "a", 2.0),
    feature("symptom", "worse_cough_sneeze", "a", 1.5),
    feature("symptom", "worse_cough_sneeze", "b", 0.77),
    feature("region", "groin", "b", 1.3),
    feature("region", "lateral_hip", "c", 0.4),
    feature("region", "deep_buttock", "c", 0.6),
]
PROTOCOL = protocol_make([], features=FEATURES)


def _ratio(assessment, condition, prior) -> float:
    return odds(prob(assessment, condition)) / odds(prior)


def test_symptom_multiplies_its_condition_by_its_factor():
    assessment = assess(PROTOCOL, exam(symptoms=("worse_sitting",)))
    assert _ratio(assessment, "a", 0.2) == pytest.approx(1.3)
    item = entry(assessment, "a").supporting[0]
    assert (item.kind, item.code, item.basis, item.source) == (
        "symptom",
        "worse_sitting",
        Basis.JUDGEMENT,
        "History 2010",
    )


def test_feature_against_a_condition_lowers_it():
    assessment = assess(PROTOCOL, exam(symptoms=("worse_cough_sneeze",)))
    assert _ratio(assessment, "b", 0.2) == pytest.approx(0.77)
    assert entry(assessment, "b").against[0].code == "worse_cough_sneeze"


def test_history_product_is_capped_at_the_upper_bound():
    assessment = assess(PROTOCOL, exam(symptoms=("worse_sitting", "worse_stairs_or_uphill", "worse_cough_sneeze")))
    assert _ratio(assessment, "a", 0.2) == pytest.approx(2.5)
    assert all("capped" in i.note for i in entry(assessment, "a").supporting)


def test_history_product_is_held_at_the_lower_bound():
    regions = (("lateral_hip", L), ("deep_buttock", L))
    assert _ratio(assess(PROTOCOL, exam(regions=regions)), "c", 0.1) == pytest.approx(0.5)


def test_region_counts_only_on_the_affected_side():
    on_other_side = assess(PROTOCOL, exam(side=R, regions=(("groin", L), ("deep_buttock", R))))
    on_affected = assess(PROTOCOL, exam(side=L, regions=(("groin", L),)))
    assert _ratio(on_other_side, "b", 0.2) == pytest.approx(1.0)
    assert _ratio(on_affected, "b", 0.2) == pytest.approx(1.3)


def test_region_on_either_side_counts_once_when_the_side_is_unknown():
    assessment = assess(PROTOCOL, exam(regions=(("groin", L), ("groin", R))))
    assert _ratio(assessment, "b", 0.2) == pytest.approx(1.3)


def test_an_onset_bound_holds_for_a_patient_younger_than_it_whatever_the_duration():
    before_40 = AgeItem("onset_before_40", None, "ASAS", onset_under=40)
    assert age_item_holds(before_40, 30, None) is True  # began at 30 or younger
    assert age_item_holds(before_40, 55, None) is None  # could have begun at 35 or at 55: not recorded
    assert age_item_holds(before_40, 55, 52 * 20) is True  # twenty years ago, at about 35
    assert age_item_holds(before_40, 55, 52) is False
    assert age_item_holds(before_40, None, 52) is None
