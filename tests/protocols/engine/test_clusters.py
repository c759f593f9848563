"""Correlated maneuvers: validated clusters scored once; other correlated groups count their strongest test."""

from __future__ import annotations

import pytest

from protocols.engine import assess
from protocols.engine.types import Cluster, ClusterVariant, DependenceGroup
from tests.protocols.engine.fixtures import NEG, POS, L, acc, entry, exam, f, man, odds, prob, protocol_make

SIJ = [
    man("d", acc("a", 3.2, 0.49), sided=False),
    man("t", acc("a", 2.8, 0.18)),
    man("c", acc("a", 2.2, 0.45), sided=False),
    man("s", acc("a", 2.52, 0.49), sided=False),
    man("g", acc("a", 1.83, 0.66)),
]
LASLETT = Cluster(
    code="sij4",
    condition="a",
    members=("d", "t", "c", "s"),
    threshold=2,
    rule="2 of 4",
    accuracy=acc("a", 4.0, 0.15, source="cluster2005"),
    related=("g",),
)
HAMSTRING = [man("h1", acc("b", 4.22, 0.29)), man("h2", acc("b", 6.46, 0.18)), man("h3", acc("b", 9.89, 0.12))]
CACCHIO = Cluster(code="ham", condition="b", members=("h1", "h2", "h3"), threshold=None, rule="none", accuracy=None)
SIJ_PROTOCOL = protocol_make(SIJ, clusters=[LASLETT])


def _sij(*findings) -> tuple[float, object]:
    assessment = assess(SIJ_PROTOCOL, exam(*findings, side=L))
    return odds(prob(assessment, "a")) / odds(0.2), assessment


def _unsided(code, result=POS):
    return f(code, result, None)


def test_two_positive_of_four_meet_the_cluster_and_use_its_lr_once():
    ratio, assessment = _sij(_unsided("d"), f("t"))
    assert ratio == pytest.approx(4.0)
    status = assessment.clusters[0]
    assert (status.positive, status.tested, status.threshold, status.met) == (2, 2, 2, True)
    members = [i for i in entry(assessment, "a").supporting if i.kind == "maneuver"]
    assert [i.counted for i in members] == [False, False]
    # Said by the cluster's citation, never by its code (engine sentences carry words).
    assert all(i.note == "counted within the Cluster 2005 cluster" for i in members)


def test_cluster_that_can_no_longer_reach_its_threshold_uses_its_lr_minus():
    ratio, assessment = _sij(_unsided("d", NEG), f("t", NEG), _unsided("c", NEG))
    assert ratio == pytest.approx(0.15)
    assert assessment.clusters[0].decided is True
    assert assessment.clusters[0].met is False


def test_undetermined_cluster_multiplies_its_tested_members():
    ratio, assessment = _sij(_unsided("d"))
    assert ratio == pytest.approx(3.2)
    assert assessment.clusters[0].decided is False


def test_undetermined_cluster_never_says_more_than_the_complete_cluster():
    # distraction 3.2 x related Gaenslen 1.83 = 5.9, bounded by the cluster's LR+ 4.0
    ratio, _ = _sij(_unsided("d"), f("g"))
    assert ratio == pytest.approx(4.0)


def test_a_related_test_alone_keeps_its_own_estimate_above_the_clusters():
    # Rule 4 replaces only the tests a cluster covers: no member recorded, so Gaenslen's own LR+ counts, even
    # where it is stronger than the cluster's (FAIR 5.2 beside Martin's pair at 4.57 in the shipped protocol).
    strong = protocol_make([*SIJ[:4], man("g", acc("a", 6.0, 0.66))], clusters=[LASLETT])
    assessment = assess(strong, exam(f("g"), side=L))
    assert odds(prob(assessment, "a")) / odds(0.2) == pytest.approx(6.0)
    (item,) = entry(assessment, "a").supporting
    assert (item.kind, item.code, item.counted) == ("maneuver", "g", True)
    assert assessment.clusters[0].tested == 0


def test_undetermined_cluster_never_says_less_than_the_complete_cluster():
    # 0.49 x 0.18 = 0.088 with two members untested, bounded by the cluster's LR- 0.15
    ratio, _ = _sij(_unsided("d", NEG), f("t", NEG))
    assert ratio == pytest.approx(0.15)


def test_related_maneuver_is_absorbed_once_the_cluster_is_decided():
    ratio, assessment = _sij(_unsided("d"), f("t"), f("g"))
    assert ratio == pytest.approx(4.0)
    gaenslen = next(i for i in entry(assessment, "a").supporting if i.code == "g")
    assert gaenslen.counted is False


def test_either_member_meets_a_threshold_of_one():
    martin = Cluster(
        code="dgs", condition="a", members=("x", "y"), threshold=1, rule="either", accuracy=acc("a", 4.57, 0.11)
    )
    protocol = protocol_make([man("x", acc("a", 3.9, 0.27)), man("y", acc("a", 5.22, 0.53))], clusters=[martin])
    assessment = assess(protocol, exam(f("x", NEG), f("y", POS), side=L))
    assert odds(prob(assessment, "a")) / odds(0.2) == pytest.approx(4.57)
    assert assessment.clusters[0].met is True


def _hamstring(*findings, groups=(), extra=()):
    protocol = protocol_make([*HAMSTRING, *extra], clusters=[CACCHIO], groups=list(groups))
    assessment = assess(protocol, exam(*findings, side=L))
    return odds(prob(assessment, "b")) / odds(0.2), assessment


def test_cluster_without_a_rule_counts_only_its_strongest_recorded_test():
    ratio, assessment = _hamstring(f("h1"), f("h2"), f("h3"))
    assert ratio == pytest.approx(9.89)
    assert [i.counted for i in entry(assessment, "b").supporting] == [False, False, True]
    assert "not multiplied" in entry(assessment, "b").supporting[0].note


def test_strongest_test_is_chosen_by_size_of_its_log_lr_whatever_its_direction():
    ratio, _ = _hamstring(f("h1", POS), f("h3", NEG))
    assert ratio == pytest.approx(0.12)


def test_equally_strong_tests_resolve_to_the_first_in_protocol_order():
    twins = [man("p", acc("c", 3.0, 0.5)), man("q", acc("c", 3.0, 0.5))]
    group = DependenceGroup(code="pq", condition="c", members=("q", "p"), source=None)
    assessment = assess(protocol_make(twins, groups=[group]), exam(f("q"), f("p"), side=L))
    assert odds(prob(assessment, "c")) / odds(0.1) == pytest.approx(3.0)
    counted = [i.code for i in entry(assessment, "c").supporting if i.counted]
    assert counted == ["p"]


def test_groups_sharing_a_member_are_merged_into_one_choice():
    gt = [man("palp", acc("c", 1.5, 0.43)), man("sls", acc("c", 12.0, 0.62)), man("derot", acc("c", 32.6, 0.12))]
    grimaldi = Cluster(code="gt", condition="c", members=("palp", "sls"), threshold=None, rule="", accuracy=None)
    lequesne = DependenceGroup(code="load", condition="c", members=("sls", "derot"), source=None)
    protocol = protocol_make(gt, clusters=[grimaldi], groups=[lequesne])
    assessment = assess(protocol, exam(f("palp"), f("sls"), f("derot"), side=L))
    assert odds(prob(assessment, "c")) / odds(0.1) == pytest.approx(20.0)


def test_cluster_without_published_threshold_reports_met_false():
    _, assessment = _hamstring(f("h1"), f("h2", NEG))
    status = assessment.clusters[0]
    assert (status.positive, status.tested, status.threshold, status.met) == (1, 2, None, False)


def _rule_out(*results, variant_members=("x", "y", "z")):
    """Cook-like cluster: rule in with 2 of 3 (LR+ only), rule out with none (an at-least-1 variant's LR-)."""
    variant = ClusterVariant("any of 3", variant_members, 1, "any", acc("a", None, 0.19, preferred=False))
    cook = Cluster("ls", "a", ("x", "y", "z"), 2, "2 of 3; none rules out", acc("a", 4.6), variants=(variant,))
    unweighted = [man(code, sided=False, targets=("a",)) for code in ("x", "y", "z")]
    protocol = protocol_make(unweighted, clusters=[cook])
    assessment = assess(protocol, exam(*(f(c, r, None) for c, r in zip("xyz", results, strict=True))))
    return odds(prob(assessment, "a")) / odds(0.2), assessment.clusters[0]


def test_a_cluster_with_only_an_lr_plus_rules_out_through_its_same_members_variant():
    ratio, status = _rule_out(NEG, NEG, NEG)
    assert ratio == pytest.approx(0.19)
    assert (status.decided, status.met) == (True, False)


def test_between_the_rule_out_and_rule_in_thresholds_the_cluster_stays_undecided():
    ratio, status = _rule_out(POS, NEG, NEG)
    assert ratio == pytest.approx(1.0)
    assert status.decided is False
    ratio, status = _rule_out(POS, POS, NEG)
    assert ratio == pytest.approx(4.6)


def test_a_variant_counting_other_members_is_no_rule_out():
    ratio, status = _rule_out(NEG, NEG, NEG, variant_members=("x", "y"))
    assert ratio == pytest.approx(1.0)
    assert status.decided is False  # without a published LR- the cluster is never decided negative
