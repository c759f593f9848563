"""The published rules, checked against the shipped buttock-pain protocol rather than synthetic data."""

from __future__ import annotations

import pytest

from protocols.engine import assess, exam_input_parse
from tests.protocols.engine.fixtures import entry, odds, real_protocol

PROTOCOL = real_protocol()
PRIORS = {code: c.prior for code, c in PROTOCOL.conditions.items()}


def _run(*findings, **body):
    return assess(PROTOCOL, exam_input_parse(PROTOCOL, {"affected_side": "left", **body, "findings": list(findings)}))


def _ratio(assessment, condition) -> float:
    return odds(entry(assessment, condition).probability) / odds(PRIORS[condition])


def _pos(maneuver, side="left", familiar=True):
    body = {"maneuver": maneuver, "result": "positive", "familiar_pain": familiar}
    return {**body, "side": side} if PROTOCOL.maneuvers[maneuver].sided else body


def _neg(maneuver, side="left"):
    body = {"maneuver": maneuver, "result": "negative"}
    return {**body, "side": side} if PROTOCOL.maneuvers[maneuver].sided else body


def _cluster(assessment, code):
    return next(c for c in assessment.clusters if c.code == code)


def test_laslett_distraction_and_thigh_thrust_both_positive_meet_the_cluster():
    assessment = _run(_pos("sij_distraction"), _pos("sij_thigh_thrust"))
    status = _cluster(assessment, "laslett_sij")
    assert (status.positive, status.tested, status.threshold, status.met) == (2, 2, 2, True)
    assert _ratio(assessment, "sij_pain") == pytest.approx(4.0)  # laslett2005 cluster LR+, used once


def test_laslett_two_of_four_by_compression_and_sacral_thrust_also_meets_it():
    assessment = _run(
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust"),
        _pos("sij_compression"),
        _pos("sij_sacral_thrust"),
        _pos("gaenslen"),
    )
    assert _cluster(assessment, "laslett_sij").met is True
    assert _ratio(assessment, "sij_pain") == pytest.approx(4.0)


def test_laslett_one_of_four_rules_the_cluster_out():
    assessment = _run(
        _pos("sij_distraction"), _neg("sij_thigh_thrust"), _neg("sij_compression"), _neg("sij_sacral_thrust")
    )
    assert _cluster(assessment, "laslett_sij").decided is True
    assert _ratio(assessment, "sij_pain") == pytest.approx(0.15)


@pytest.mark.parametrize("positive", ["active_piriformis", "seated_piriformis_stretch"])
def test_martin_either_test_meets_the_cluster(positive):
    other = ({"active_piriformis", "seated_piriformis_stretch"} - {positive}).pop()
    assessment = _run(_pos(positive), _neg(other))
    assert _cluster(assessment, "martin_dgs").met is True
    assert _ratio(assessment, "piriformis_syndrome") == pytest.approx(4.57)  # martin2014


def test_martin_both_negative_rule_out_with_the_cluster_lr_minus():
    assessment = _run(_neg("active_piriformis"), _neg("seated_piriformis_stretch"))
    assert _ratio(assessment, "piriformis_syndrome") == pytest.approx(0.11)


def test_fair_without_familiar_pain_counts_against_piriformis():
    assessment = _run(_pos("fair", familiar=False))
    assert _ratio(assessment, "piriformis_syndrome") == pytest.approx(0.14)  # fishman2002 LR-


def test_faber_from_dreyfuss_does_not_move_sij_pain():
    assert _ratio(_run(_pos("faber")), "sij_pain") == pytest.approx(1.0)
    assert _ratio(_run(_neg("faber")), "sij_pain") == pytest.approx(1.0)


def test_unconfirmed_ifi_figures_give_way_to_the_judgement_weight():
    assessment = _run(_pos("ifi_test"))
    item = entry(assessment, "ischiofemoral_impingement").supporting[0]
    assert item.basis.value == "judgement"
    assert item.lr == pytest.approx(2.0)


def test_straight_leg_raise_and_slump_are_not_multiplied():
    assessment = _run(_pos("straight_leg_raise"), _pos("slump"))
    assert _ratio(assessment, "lumbar_radiculopathy") == pytest.approx(4.94)  # slump alone (majlesi2008)


def test_hamstring_stretch_tests_count_only_the_strongest():
    assessment = _run(_pos("puranen_orava"), _pos("bent_knee_stretch"), _pos("modified_bent_knee_stretch"))
    assert _ratio(assessment, "proximal_hamstring_tendinopathy") == pytest.approx(9.89)


def test_lequesne_figures_are_capped_at_the_protocol_ceiling():
    assessment = _run(_pos("resisted_external_derotation"), _pos("single_leg_stance_30s"))
    assert _ratio(assessment, "gluteal_tendinopathy") == pytest.approx(PROTOCOL.thresholds.lr_max)


def test_thigh_thrust_on_the_unaffected_side_does_not_count():
    assessment = _run(_pos("sij_thigh_thrust", side="right"))
    assert _ratio(assessment, "sij_pain") == pytest.approx(1.0)
    assert entry(assessment, "sij_pain").supporting == ()


def test_crossed_straight_leg_raise_counts_from_the_recorded_leg():
    assessment = _run(_pos("crossed_straight_leg_raise", side="right"))
    assert _ratio(assessment, "lumbar_radiculopathy") == pytest.approx(2.8)  # vanderwindt2010


def test_centralisation_argues_against_sij_pain_by_judgement():
    assessment = _run({"maneuver": "repeated_movements_centralization", "result": "positive"})
    assert _ratio(assessment, "sij_pain") == pytest.approx(0.5)
    assert _ratio(assessment, "lumbar_radiculopathy") == pytest.approx(2.1)  # donelson1997


def test_defining_signs_carry_their_judgement_weight():
    assessment = _run(_pos("iliac_crest_palpation"), _pos("gluteal_trigger_point_palpation"))
    assert _ratio(assessment, "superior_cluneal_entrapment") == pytest.approx(4.0)
    assert _ratio(assessment, "myofascial_trigger_points") == pytest.approx(4.0)


def test_saddle_anaesthesia_overrides_a_conclusive_exam():
    assessment = _run(_pos("sij_distraction"), _pos("sij_thigh_thrust"), red_flags=["saddle_anaesthesia"])
    assert assessment.working_diagnosis == "cauda_equina_syndrome"
    assert assessment.differential[0].condition == "cauda_equina_syndrome"
    assert assessment.differential[1].condition == "sij_pain"
    assert assessment.urgent_referral.level.value == "emergency"


def test_every_condition_is_listed_with_evidence_for_the_head():
    assessment = _run()
    assert {e.condition for e in assessment.differential} == set(PROTOCOL.conditions)
    assert assessment.differential[0].evidence


def test_history_of_cancer_applies_its_published_lr_capped_at_the_ceiling():
    assessment = _run(red_flags=["history_of_cancer"])
    # LR+ 23.7 (Henschke 2007) is capped at lr_max 20: 0.01 -> about 0.17
    assert _ratio(assessment, "serious_pathology") == pytest.approx(PROTOCOL.thresholds.lr_max, rel=1e-3)
    assert assessment.differential[0].condition == "serious_pathology"
    assert "Henschke 2007" in assessment.differential[0].evidence


NEGATIVE_ELSEWHERE = ["sij_distraction", "sij_thigh_thrust", "sij_compression", "sij_sacral_thrust", "slump"]


@pytest.mark.parametrize(
    ("sign", "region", "condition"),
    [
        ("iliac_crest_palpation", "iliac_crest", "superior_cluneal_entrapment"),
        ("gluteal_trigger_point_palpation", "upper_buttock", "myofascial_trigger_points"),
    ],
)
def test_a_defining_sign_where_it_hurts_with_other_structures_negative_names_it(sign, region, condition):
    regions = [{"region": region, "side": "left"}]
    assessment = _run(_pos(sign), *(_neg(m) for m in NEGATIVE_ELSEWHERE), pain_regions=regions)
    assert assessment.working_diagnosis == condition


def test_a_single_weak_sign_does_not_name_a_diagnosis():
    assessment = _run(_pos("sciatic_notch_palpation"))
    assert assessment.working_diagnosis is None
    assert assessment.suggested_next


def test_a_red_flag_head_cites_the_source_of_its_flag():
    assessment = _run(_pos("fair"), red_flags=["saddle_anaesthesia"])
    head = assessment.differential[0]
    assert head.condition == "cauda_equina_syndrome"
    assert "GIRFT 2023" in head.evidence


def test_a_drawn_pain_map_without_lateral_hip_pain_argues_against_gluteal_tendinopathy():
    drawn = _run(pain_regions=[{"region": "deep_buttock", "side": "left"}])
    with_hip = _run(pain_regions=[{"region": "lateral_hip", "side": "left"}])
    assert _ratio(drawn, "gluteal_tendinopathy") == pytest.approx(0.5)
    assert _ratio(with_hip, "gluteal_tendinopathy") > 1
    absent = [i for i in entry(drawn, "gluteal_tendinopathy").against if i.kind == "region_absent"]
    assert [(i.code, i.basis.value) for i in absent] == [("lateral_hip", "judgement")]


def test_an_empty_pain_map_is_not_read_as_no_pain():
    assert _ratio(_run(), "gluteal_tendinopathy") == pytest.approx(1.0)
    assert _ratio(_run(), "proximal_hamstring_tendinopathy") == pytest.approx(1.0)
