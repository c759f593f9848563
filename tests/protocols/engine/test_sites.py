"""Rule 11 as a mechanism: a family's site_targets decide which condition a positive member may support."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from protocols.engine import assess
from protocols.engine.rules import Family
from tests.protocols.engine.fixtures import NEG, L, R, acc, entry, exam, f, man, odds, prob, protocol_make

FAMILY = Family(
    code="flexion",
    members=("p", "q"),
    source=None,
    why="same position",
    site_targets=MappingProxyType({"groin": ("a",), "deep_buttock": ("b",)}),
)
PROTOCOL = replace(protocol_make([man("p", acc("b", 5.0, 0.2)), man("q", acc("a", 2.0, 0.5))]), families=(FAMILY,))


def _ratios(*findings, regions=()):
    assessment = assess(PROTOCOL, exam(*findings, side=L, regions=regions))
    return odds(prob(assessment, "a")) / odds(0.2), odds(prob(assessment, "b")) / odds(0.2), assessment


def test_a_positive_counts_where_the_marked_site_points():
    assert _ratios(f("p"), regions=(("deep_buttock", L),))[1] == pytest.approx(5.0)
    assert _ratios(f("q"), regions=(("groin", L),))[0] == pytest.approx(2.0)


def test_a_positive_felt_at_the_other_site_is_shown_but_not_weighted():
    _, b, assessment = _ratios(f("p"), regions=(("groin", L),))
    assert b == pytest.approx(1.0)
    (item,) = [i for i in entry(assessment, "b").supporting if i.code == "p"]
    assert (item.counted, item.lr) == (False, 1.0)
    pointed = [i for i in entry(assessment, "a").supporting if i.code == "p"]
    assert [i.counted for i in pointed] == [False]  # shown where it points, with no weight of its own


def test_no_tilt_without_a_single_site_on_the_affected_side_or_for_a_negative():
    assert _ratios(f("p"), regions=(("groin", L), ("deep_buttock", L)))[1] == pytest.approx(5.0)
    assert _ratios(f("p"), regions=(("groin", R),))[1] == pytest.approx(5.0)
    assert _ratios(f("p", NEG), regions=(("groin", L),))[1] == pytest.approx(0.2)
