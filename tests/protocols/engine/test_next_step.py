"""Suggested next maneuvers: expected information gain over the leading conditions."""

from __future__ import annotations

from protocols.engine import assess
from protocols.engine.types import Cluster, Side
from tests.protocols.engine.fixtures import NEG, POS, L, acc, exam, f, man, protocol_make

MANEUVERS = [
    man("weak_a", acc("a", 1.3, 0.9)),
    man("strong_a", acc("a", 9.0, 0.1)),
    man("mid_b", acc("b", 4.0, 0.3)),
    man("midline", acc("c", 3.0, 0.4), sided=False),
    man("silent", targets=("a",)),
]


def test_most_informative_maneuvers_come_first_and_at_most_suggest_count():
    suggestions = assess(protocol_make(MANEUVERS), exam(side=L)).suggested_next
    assert [s.maneuver for s in suggestions] == ["strong_a", "mid_b", "midline"]
    assert suggestions[0].expected_gain > suggestions[1].expected_gain > suggestions[2].expected_gain


def test_suggestions_skip_maneuvers_already_recorded_on_the_affected_side():
    suggestions = assess(protocol_make(MANEUVERS), exam(f("strong_a", NEG), side=L)).suggested_next
    assert "strong_a" not in [s.maneuver for s in suggestions]


def test_maneuver_done_only_on_the_other_side_is_still_suggested_on_the_affected_side():
    suggestions = assess(protocol_make(MANEUVERS), exam(f("strong_a", NEG, Side.RIGHT), side=L)).suggested_next
    first = suggestions[0]
    assert (first.maneuver, first.side) == ("strong_a", L)


def test_side_is_left_out_when_the_affected_side_is_unknown_or_the_maneuver_unsided():
    suggestions = {s.maneuver: s.side for s in assess(protocol_make(MANEUVERS), exam()).suggested_next}
    assert suggestions["strong_a"] is None
    assert suggestions["midline"] is None


def test_why_names_the_conditions_separated_and_the_lrs_with_their_source():
    first = assess(protocol_make(MANEUVERS), exam(side=L)).suggested_next[0]
    assert first.why == "Separates a from b and c: positive LR+ 9, negative LR- 0.1 (Study 2000)."


def test_members_of_a_decided_cluster_are_not_suggested():
    members = [man("x", acc("a", 3.0, 0.3)), man("y", acc("a", 3.0, 0.3)), man("z", acc("b", 2.0, 0.5))]
    cluster = Cluster(
        code="xy", condition="a", members=("x", "y"), threshold=1, rule="either", accuracy=acc("a", 4.0, 0.2)
    )
    protocol = protocol_make(members, clusters=[cluster])
    assert [s.maneuver for s in assess(protocol, exam(f("x", POS), side=L)).suggested_next] == ["z"]


def test_nothing_is_suggested_when_no_maneuver_informs_the_leading_conditions():
    protocol = protocol_make([man("silent", targets=("a",))])
    assert assess(protocol, exam(side=L)).suggested_next == ()
