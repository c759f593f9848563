"""Rule 11 (where the pain is felt decides hip joint vs deep gluteal space) and Cook's stenosis rule-out, on 1.1.0.

Cases are written from the evidence, not from the engine's output. REFERENCE rule 11: FAIR, the seated
piriformis stretch and FADIR load the hip in flexion, adduction and internal rotation; "groin or front of the
hip points to the hip joint, deep buttock to the deep gluteal space". Martin's cluster counts a test that
"reproduces the buttock pain" (martin2014, LR+ 4.57 / LR- 0.11). Cook's cluster (cook2011): "4 or more = rule in
[LR+ 4.6]; none of the 5 = rule out [LR- 0.19, the at-least-1-of-5 variant]".
"""

from __future__ import annotations

import pytest

from protocols.engine import Assessment, DifferentialEntry, EvidenceItem, assess, exam_input_parse
from protocols.loader import protocol_load_file
from tests.protocols.releases import SHIPPED

P = protocol_load_file(SHIPPED)


def run(body: dict, protocol=P) -> Assessment:
    """Assess through the engine itself: ratios need the unrounded probabilities."""
    return assess(protocol, exam_input_parse(protocol, body))


def pos(maneuver: str, side: str = "left") -> dict:
    finding = {"maneuver": maneuver, "result": "positive", "familiar_pain": True}
    return {**finding, "side": side} if P.maneuvers[maneuver].sided else finding


def neg(maneuver: str, side: str = "left") -> dict:
    finding = {"maneuver": maneuver, "result": "negative"}
    return {**finding, "side": side} if P.maneuvers[maneuver].sided else finding


def hip_exam(regions: list[tuple[str, str]], *findings: dict) -> dict:
    return {
        "affected_side": "left",
        "pain_regions": [{"region": r, "side": s} for r, s in regions],
        "findings": list(findings),
    }


def condition(answer: Assessment, code: str) -> DifferentialEntry:
    return next(d for d in answer.differential if d.condition == code)


def items(entry: DifferentialEntry, code: str) -> list[EvidenceItem]:
    return [i for i in (*entry.supporting, *entry.against) if i.code == code]


def odds(p: float) -> float:
    return p / (1 - p)


def shift(body: dict, code: str, *findings: dict) -> float:
    """Return how much the findings multiply a condition's odds over the same history without them."""
    before = condition(run(body), code).probability
    after = condition(run({**body, "findings": [*body["findings"], *findings]}), code).probability
    return odds(after) / odds(before)


def cluster(answer: Assessment, code: str):
    return next(c for c in answer.clusters if c.code == code)


GROIN = [("groin", "left")]
DEEP = [("deep_buttock", "left")]


# --- Rule 11: the pain site decides the target --------------------------------------------------------------


def test_a_seated_stretch_felt_in_the_groin_does_not_meet_martins_buttock_pain_cluster():
    answer = run(hip_exam(GROIN, pos("seated_piriformis_stretch")))
    assert cluster(answer, "martin_dgs").positive == 0
    assert shift(hip_exam(GROIN), "piriformis_syndrome", pos("seated_piriformis_stretch")) == pytest.approx(1.0)
    (item,) = items(condition(answer, "piriformis_syndrome"), "seated_piriformis_stretch")
    assert (item.result.value, item.counted, item.lr) == ("positive", False, 1.0)
    assert "rule 11" in item.note


def test_the_same_stretch_felt_in_the_deep_buttock_meets_martins_cluster():
    answer = run(hip_exam(DEEP, pos("seated_piriformis_stretch")))
    assert cluster(answer, "martin_dgs").met is True
    assert shift(hip_exam(DEEP), "piriformis_syndrome", pos("seated_piriformis_stretch")) == pytest.approx(4.57)


def test_fair_felt_in_the_groin_points_to_the_hip_not_the_piriformis():
    assert shift(hip_exam(GROIN), "piriformis_syndrome", pos("fair")) == pytest.approx(1.0)
    hip = condition(run(hip_exam(GROIN, pos("fair"))), "hip_joint_pathology")
    shown = items(hip, "fair")
    # No published accuracy of FAIR for the hip joint: shown where it points, not weighted (rule 6).
    assert [(i.counted, i.lr) for i in shown] == [(False, 1.0)]


def test_fadir_felt_in_the_deep_buttock_gives_up_its_hip_weight():
    assert shift(hip_exam(GROIN), "hip_joint_pathology", pos("fadir")) == pytest.approx(1.06)  # reiman2013
    assert shift(hip_exam(DEEP), "hip_joint_pathology", pos("fadir")) == pytest.approx(1.0)


def test_the_whole_hip_flexion_family_felt_in_the_groin_names_no_deep_gluteal_syndrome():
    answer = run(hip_exam(GROIN, pos("fair"), pos("seated_piriformis_stretch"), pos("fadir")))
    assert answer.working_diagnosis != "piriformis_syndrome"
    assert condition(answer, "piriformis_syndrome").probability == pytest.approx(
        P.conditions["piriformis_syndrome"].prior
    )
    deep = run(hip_exam(DEEP, pos("fair"), pos("seated_piriformis_stretch"), pos("fadir")))
    assert condition(deep, "piriformis_syndrome").probability > condition(answer, "piriformis_syndrome").probability


@pytest.mark.parametrize("regions", [[], [("groin", "left"), ("deep_buttock", "left")]])
def test_a_map_marking_both_sites_or_none_leaves_every_weight_as_published(regions):
    # Judgement reading of rule 11: the site decides only when one site is marked.
    assert shift(hip_exam(regions), "piriformis_syndrome", pos("seated_piriformis_stretch")) == pytest.approx(4.57)
    assert shift(hip_exam(regions), "hip_joint_pathology", pos("fadir")) == pytest.approx(1.06)


def test_a_negative_test_is_not_tilted_by_the_pain_site():
    # A position that provokes nothing has no site: FAIR's LR- 0.14 (fishman2002) counts wherever the pain is.
    assert shift(hip_exam(GROIN), "piriformis_syndrome", neg("fair")) == pytest.approx(0.14)


def test_the_site_is_read_on_the_affected_side():
    regions = [("groin", "right"), ("deep_buttock", "left")]
    assert shift(hip_exam(regions), "piriformis_syndrome", pos("seated_piriformis_stretch")) == pytest.approx(4.57)
    assert shift(hip_exam(regions), "hip_joint_pathology", pos("fadir")) == pytest.approx(1.0)


def test_the_first_release_has_no_sites_and_is_untouched():
    legacy = protocol_load_file(SHIPPED.with_name("1.0.0.yaml"))
    body = hip_exam([("groin", "left")], pos("seated_piriformis_stretch"))
    answer = run(body, legacy)
    assert cluster(answer, "martin_dgs").met is True


# --- Cook's stenosis cluster: rule in with 4 of 5, rule out with none ---------------------------------------


def stenosis(age: int | None, symptoms: list[str]) -> dict:
    body: dict = {"duration_weeks": 30, "symptoms": symptoms, "findings": []}
    return body if age is None else {**body, "age": age}


def stenosis_ratio(answer: dict) -> float:
    return odds(condition(answer, "lumbar_spinal_stenosis").probability) / odds(
        P.conditions["lumbar_spinal_stenosis"].prior
    )


def test_none_of_cooks_five_rules_stenosis_out_with_the_published_lr_minus():
    # A history was taken (one unrelated item ticked) and the patient is 40: none of the five is present.
    answer = run(stenosis(40, ["worse_lying_on_side"]))
    status = cluster(answer, "cook_lss")
    assert (status.positive, status.tested, status.met, status.decided) == (0, 5, False, True)
    assert stenosis_ratio(answer) == pytest.approx(0.19)  # cook2011, at least 1 of 5
    (item,) = items(condition(answer, "lumbar_spinal_stenosis"), "cook_lss")
    assert (item.lr, item.source, item.result.value, item.counted) == (0.19, "Cook 2011", "negative", True)


@pytest.mark.parametrize(
    ("age", "symptoms", "present"),
    [
        (40, ["worse_walking"], 1),
        (55, ["worse_walking"], 2),
        (55, ["worse_walking", "leg_pain_worse_than_back"], 3),
    ],
)
def test_one_to_three_of_cooks_five_decide_nothing_and_keep_their_history_factors(age, symptoms, present):
    answer = run(stenosis(age, symptoms))
    status = cluster(answer, "cook_lss")
    assert (status.positive, status.decided) == (present, False)
    entry = condition(answer, "lumbar_spinal_stenosis")
    assert not items(entry, "cook_lss")
    factors = [i for i in entry.supporting if i.kind == "symptom" and i.code in symptoms]
    assert sorted(i.code for i in factors) == sorted(symptoms)
    assert all(i.counted for i in factors)  # not absorbed by an undecided cluster


def test_four_of_cooks_five_rule_in_with_lr_plus_replacing_the_items():
    answer = run(stenosis(60, ["worse_walking", "leg_pain_worse_than_back", "relieved_by_sitting_or_flexion"]))
    assert cluster(answer, "cook_lss").met is True
    assert stenosis_ratio(answer) == pytest.approx(4.6)  # cook2011 LR+, the three items' factors absorbed


@pytest.mark.parametrize(("age", "symptoms"), [(None, ["worse_lying_on_side"]), (40, [])])
def test_cook_cannot_rule_out_what_was_not_recorded(age, symptoms):
    # No age (age_over_48 unknown) or no history taken: an unticked item is not an absent one.
    answer = run(stenosis(age, symptoms))
    assert cluster(answer, "cook_lss").decided is False
    assert stenosis_ratio(answer) == pytest.approx(1.0)
