"""Blind clinical cases, conditions and history rules, written as an outside examiner would from REFERENCE.md.

Each case cites the shared/clinical REFERENCE.md rule or condition section it comes from and goes through the
real POST /api/v1/assess (assess-api.md). Red flags and bad input are in test_blind_cases.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.protocols.blind import SIJ4, L, assess, cluster_of, finding, lead, multiplied, prob

IBP = ["insidious_onset", "improves_with_exercise", "no_improvement_with_rest", "night_pain_improves_on_getting_up"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age", "weeks", "positive", "met"),
    [
        (28, 20, 5, True),  # onset at 27, chronic: 5 of 5
        (28, 6, 5, False),  # not chronic back pain (> 3 months): the criteria do not apply
        (46, 520, 5, True),  # onset at 36 (age minus duration)
        (50, 520, 4, True),  # onset at 40: not before 40, still 4 of 5
        (None, 20, 4, True),  # age unknown: onset item not recorded, 4 of 5 suffices
        (None, None, 4, False),  # chronicity unknown
    ],
)
def test_asas_criteria_read_age_at_onset_and_chronicity(
    api_client: APIClient, age: int | None, weeks: int | None, positive: int, met: bool
) -> None:
    # Rule 9 + ibp_criteria (sieper2009): at least 4 of 5 in chronic back pain; age at onset = age - duration.
    body: dict[str, Any] = {"symptoms": IBP, "age": age, "duration_weeks": weeks}
    out = assess(api_client, **{k: v for k, v in body.items() if v is not None})
    cluster = cluster_of(out, "ibp_criteria")
    assert (cluster["positive"], cluster["met"]) == (positive, met)
    # Rule 13: inflammatory back pain goes to rheumatology routinely, never as an emergency.
    assert out["urgent_referral"] is None
    assert (prob(out, "inflammatory_spondyloarthritis") > 0.1) is met


COOK3 = ["leg_pain_worse_than_back", "worse_walking", "relieved_by_sitting_or_flexion"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age", "positive", "tested", "met"), [(72, 4, 5, True), (40, 3, 5, False), (None, 3, 4, False)]
)
def test_cook_stenosis_cluster_counts_age_from_the_request(
    api_client: APIClient, age: int | None, positive: int, tested: int, met: bool
) -> None:
    # Rule 9 + cook_lss (cook2011): 4 of 5 rules in; age > 48 comes from `age`, absent when not given.
    out = assess(api_client, symptoms=COOK3, **({"age": age} if age is not None else {}))
    cluster = cluster_of(out, "cook_lss")
    assert (cluster["positive"], cluster["tested"], cluster["met"]) == (positive, tested, met)


@pytest.mark.django_db
def test_classic_neurogenic_claudication_names_stenosis(api_client: APIClient) -> None:
    # Stenosis section: Cook 5/5, two-stage treadmill (fritz1997), wide-based gait (suri2010); pulses normal.
    out = assess(
        api_client,
        age=72,
        duration_weeks=100,
        symptoms=[*COOK3, "bilateral_leg_symptoms_longstanding"],
        findings=[
            finding("two_stage_treadmill", side=None, familiar=None),
            finding("wide_based_gait", side=None, familiar=None),
            finding("femoral_pulse_palpation", "negative"),
        ],
    )
    assert out["urgent_referral"] is None  # long-standing bilateral symptoms are not the CES flag
    assert out["working_diagnosis"] == "lumbar_spinal_stenosis"


@pytest.mark.django_db
def test_sutlive_hip_cluster_names_the_hip_joint(api_client: APIClient) -> None:
    # Hip section + rule 9: Sutlive 4+ of 5 (worse_squatting is a history member) rules in hip OA.
    hip_tests = ["active_hip_flexion_pain", "hip_scour", "active_hip_extension_pain"]
    out = assess(
        api_client,
        age=62,
        affected_side=L,
        symptoms=["worse_squatting"],
        pain_regions=[{"region": "groin", "side": L}],
        findings=[*(finding(m) for m in hip_tests), finding("hip_internal_rotation_range", familiar=None)],
    )
    assert cluster_of(out, "sutlive_hip_oa")["met"] is True
    assert out["working_diagnosis"] == "hip_joint_pathology"


@pytest.mark.django_db
def test_where_fair_hurts_decides_its_target(api_client: APIClient) -> None:
    # Rule 11: groin or front of the hip points to the hip joint, deep buttock to the deep gluteal space.
    def fair(region: str) -> dict[str, Any]:
        return assess(
            api_client, affected_side=L, pain_regions=[{"region": region, "side": L}], findings=[finding("fair")]
        )

    groin, deep = fair("groin"), fair("deep_buttock")
    assert prob(groin, "piriformis_syndrome") == 0.1
    assert prob(deep, "piriformis_syndrome") > 0.3


@pytest.mark.django_db
def test_fair_alone_counts_its_own_preferred_estimate(api_client: APIClient) -> None:
    # Rules 2-4: FAIR is no member of Martin's pair, so with neither member recorded nothing replaces it: the
    # prior (0.10) times FAIR's preferred LR+ 5.2 (fishman2002), and no single test names a diagnosis (rule 10).
    out = assess(api_client, affected_side=L, findings=[finding("fair")])
    expected = 0.1 / 0.9 * 5.2 / (1 + 0.1 / 0.9 * 5.2)
    assert prob(out, "piriformis_syndrome") == pytest.approx(expected, abs=0.001)
    assert multiplied(out, "piriformis_syndrome") == {"fair": True}
    assert out["working_diagnosis"] is None


@pytest.mark.django_db
def test_pudendal_picture_shifts_modestly_and_saddle_anaesthesia_overrides_it(api_client: APIClient) -> None:
    # Pudendal section: history shifts priors modestly (rule 8); objective perineal sensory loss is no
    # pudendal neuralgia: screen cauda equina first (labat2008).
    body: dict[str, Any] = {
        "age": 45,
        "affected_side": L,
        "symptoms": ["perineal_pain", "worse_sitting", "burning_or_electric"],
        "pain_regions": [{"region": "perineum", "side": L}],
    }
    out = assess(api_client, **body)
    assert 0.02 <= prob(out, "pudendal_neuralgia") < 0.1
    assert out["urgent_referral"] is None
    flagged = assess(api_client, red_flags=["saddle_anaesthesia"], **body)
    assert flagged["urgent_referral"]["level"] == "emergency"
    assert flagged["working_diagnosis"] == "cauda_equina_syndrome"


@pytest.mark.django_db
def test_coccyx_pain_raises_coccydynia_above_its_prior_without_naming_it(api_client: APIClient) -> None:
    # Coccydynia section + rule 8: worse_sitting, worse_transitions and the coccyx region, no tests.
    out = assess(
        api_client,
        age=38,
        symptoms=["worse_sitting", "worse_transitions"],
        pain_regions=[{"region": "coccyx", "side": L}],
    )
    assert prob(out, "coccydynia") > 2 * 0.02
    assert prob(out, "coccydynia") > prob(out, "pudendal_neuralgia")
    assert out["working_diagnosis"] is None
    assert out["suggested_next"]


@pytest.mark.django_db
def test_classic_deep_gluteal_uses_martins_cluster_once(api_client: APIClient) -> None:
    # Rules 4, 10, 11: Martin's cluster LR replaces its members; FAIR joins the seated stretch's family.
    out = assess(
        api_client,
        age=44,
        affected_side=L,
        symptoms=["worse_sitting", "back_pocket_wallet"],
        pain_regions=[{"region": "deep_buttock", "side": L}],
        findings=[
            finding("fair"),
            finding("seated_piriformis_stretch"),
            finding("active_piriformis"),
            finding("slump", "negative"),
            finding("straight_leg_raise", "negative"),
            finding("sij_distraction", "negative", side=None),
        ],
    )
    assert out["working_diagnosis"] == "piriformis_syndrome"
    counted = multiplied(out, "piriformis_syndrome")
    assert counted["martin_dgs"]
    assert not any(counted[m] for m in ("fair", "seated_piriformis_stretch", "active_piriformis"))


@pytest.mark.django_db
@pytest.mark.parametrize("maneuver", ["fair", "slump", "resisted_external_derotation", "modified_bent_knee_stretch"])
def test_no_single_test_names_a_diagnosis(api_client: APIClient, maneuver: str) -> None:
    # Rule 10: a single positive test, however strong, leaves the working diagnosis open and says what next.
    out = assess(api_client, affected_side=L, findings=[finding(maneuver)])
    assert out["working_diagnosis"] is None
    assert out["suggested_next"]


@pytest.mark.django_db
def test_sij_cluster_counts_once_and_only_with_familiar_pain(api_client: APIClient) -> None:
    # Rules 2 and 4 (laslett2005): cluster LR+ 4 once, not the product of 3.2 x 2.8 x 2.2 x 2.52.
    region = [{"region": "sacral_dimple", "side": L}]
    out = assess(api_client, age=35, affected_side=L, pain_regions=region, findings=SIJ4)
    assert out["working_diagnosis"] == "sij_pain"
    assert prob(out, "sij_pain") < 0.6
    unfamiliar = [dict(f, familiar_pain=False) for f in SIJ4]
    none = assess(api_client, age=35, affected_side=L, pain_regions=region, findings=unfamiliar)
    assert cluster_of(none, "laslett_sij")["met"] is False
    assert prob(none, "sij_pain") < 0.15


@pytest.mark.django_db
def test_radicular_picture_counts_slr_with_slump_once(api_client: APIClient) -> None:
    # Radiculopathy section + rule 4: the stronger of straight-leg raise and slump, not the product.
    out = assess(
        api_client,
        age=39,
        affected_side=L,
        symptoms=["worse_cough_sneeze", "numbness_tingling"],
        pain_regions=[{"region": "below_knee", "side": L}],
        findings=[finding("slump"), finding("straight_leg_raise"), finding("neuro_deficit", familiar=None)],
    )
    assert out["working_diagnosis"] == "lumbar_radiculopathy"
    counted = multiplied(out, "lumbar_radiculopathy")
    assert counted["slump"]
    assert not counted["straight_leg_raise"]
    assert counted["neuro_deficit"]


@pytest.mark.django_db
def test_hamstring_stretches_are_one_family_until_another_sign_agrees(api_client: APIClient) -> None:
    # Rules 4 and 10 (cacchio2012): the three stretches load one origin; ischial tenderness is another family.
    stretches = [finding("puranen_orava"), finding("bent_knee_stretch"), finding("modified_bent_knee_stretch")]
    body: dict[str, Any] = {
        "age": 30,
        "affected_side": L,
        "pain_regions": [{"region": "ischial_tuberosity", "side": L}],
    }
    only = assess(api_client, findings=stretches, **body)
    assert only["working_diagnosis"] is None
    assert [m for m, c in multiplied(only, "proximal_hamstring_tendinopathy").items() if c] == [
        "modified_bent_knee_stretch"
    ]
    more = assess(api_client, findings=[*stretches, finding("ischial_tuberosity_palpation")], **body)
    assert more["working_diagnosis"] == "proximal_hamstring_tendinopathy"


@pytest.mark.django_db
def test_gluteal_tendinopathy_extremes_are_bounded(api_client: APIClient) -> None:
    # Gluteal section + rule 5: LR+ 32.6 (lequesne2008) is bounded; the condition is never certain.
    tests = [
        finding("single_leg_stance_30s"),
        finding("resisted_external_derotation"),
        finding("greater_trochanter_palpation"),
    ]
    out = assess(
        api_client, age=55, affected_side=L, pain_regions=[{"region": "lateral_hip", "side": L}], findings=tests
    )
    assert out["working_diagnosis"] == "gluteal_tendinopathy"
    assert all(i["lr"] <= 20 for i in lead(out)["supporting"])
    assert prob(out, "gluteal_tendinopathy") < 0.95


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sign", "region", "condition"),
    [
        ("iliac_crest_palpation", "iliac_crest", "superior_cluneal_entrapment"),
        ("gluteal_trigger_point_palpation", "upper_buttock", "myofascial_trigger_points"),
    ],
)
def test_defining_sign_names_its_condition_as_judgement(
    api_client: APIClient, sign: str, region: str, condition: str
) -> None:
    # Rule 6: no reference standard; the defining sign carries a labelled judgement weight (about LR+ 4).
    negatives = [
        finding("slump", "negative"),
        finding("sij_distraction", "negative", side=None),
        finding("sij_thigh_thrust", "negative"),
    ]
    out = assess(
        api_client, affected_side=L, pain_regions=[{"region": region, "side": L}], findings=[finding(sign), *negatives]
    )
    assert out["working_diagnosis"] == condition
    (item,) = [i for i in lead(out)["supporting"] if i.get("maneuver") == sign]
    assert 3 <= item["lr"] <= 5
    assert item["counted"]


@pytest.mark.django_db
def test_equivocal_not_tested_and_unaffected_side_change_nothing(api_client: APIClient) -> None:
    # Rule 2: equivocal or not tested: no change; sided maneuvers count for the affected side only.
    empty = assess(api_client, affected_side=L)
    probabilities = {d["condition"]: d["probability"] for d in empty["differential"]}
    for findings in (
        [finding("sij_distraction", "equivocal", side=None), finding("slump", "not_tested")],
        [finding("fair", side="right"), finding("seated_piriformis_stretch", side="right")],
    ):
        out = assess(api_client, affected_side=L, findings=findings)
        assert {d["condition"]: d["probability"] for d in out["differential"]} == probabilities


@pytest.mark.django_db
def test_two_structures_too_close_to_call_leave_the_diagnosis_open(api_client: APIClient) -> None:
    # assess-api.md + rule 10: SIJ cluster and Martin's cluster both met, close probabilities: say what next.
    findings = [
        finding("sij_distraction", side=None),
        finding("sij_thigh_thrust"),
        finding("active_piriformis"),
        finding("seated_piriformis_stretch"),
    ]
    out = assess(api_client, affected_side=L, pain_regions=[{"region": "deep_buttock", "side": L}], findings=findings)
    assert cluster_of(out, "laslett_sij")["met"]
    assert cluster_of(out, "martin_dgs")["met"]
    assert out["working_diagnosis"] is None
    assert out["suggested_next"]
