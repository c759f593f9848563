"""Blind clinical cases, red flags and bad input, written as an outside examiner would from REFERENCE.md.

Each case cites the shared/clinical REFERENCE.md rule ("How to use this evidence", rules 1-13), the red-flag
table or the condition section it comes from, and goes through the real POST /api/v1/assess (assess-api.md),
so the test checks what an integrator receives. None is derived from the project's other tests; the
mechanical and history cases are in test_blind_cases_conditions.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.protocols.blind import (
    HAMSTRING_LOADING,
    ROUTE_CONFIRMING,
    SIJ4,
    URL,
    L,
    assess,
    finding,
    lead,
    post,
    prob,
)

# Red-flag table + rule 1 + rule 13: every flag wins over a strongly positive SIJ exam, at its own level.
# Night pain (only with another flag) has its own case below; progressive_motor_weakness is left out: its
# referral is "emergency if bilateral or with CES features; otherwise urgent spinal referral".
FLAGS = [
    ("saddle_anaesthesia", "emergency", "cauda_equina_syndrome"),
    ("bladder_dysfunction", "emergency", "cauda_equina_syndrome"),
    ("bowel_dysfunction", "emergency", "cauda_equina_syndrome"),
    ("bilateral_leg_symptoms", "emergency", "cauda_equina_syndrome"),
    ("sexual_dysfunction", "emergency", "cauda_equina_syndrome"),
    ("history_of_cancer", "urgent", "serious_pathology"),
    ("unexplained_weight_loss", "urgent", "serious_pathology"),
    ("fever_or_infection_risk", "urgent", "serious_pathology"),
    ("significant_trauma", "urgent", "serious_pathology"),
    ("acute_hamstring_avulsion", "urgent", "proximal_hamstring_avulsion"),
    ("vascular_claudication", "urgent", "vascular_pathology"),
    ("pulsatile_abdominal_mass", "urgent", "vascular_pathology"),
    ("suspected_ruptured_aaa", "emergency", "vascular_pathology"),
    ("perianal_abscess", "urgent", "pelvic_visceral_source"),
    ("dermatomal_prodrome_or_rash", "urgent", "herpes_zoster"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("flag", "level", "condition"), FLAGS)
def test_each_red_flag_heads_the_differential_over_a_positive_sij_cluster(
    api_client: APIClient, flag: str, level: str, condition: str
) -> None:
    out = assess(api_client, affected_side=L, red_flags=[flag], findings=SIJ4)
    assert out["urgent_referral"]["level"] == level
    assert flag in out["urgent_referral"]["reasons"]
    head = lead(out)
    assert out["working_diagnosis"] == head["condition"] == condition
    assert head["red_flag"] is True
    assert head["probability"] is None
    assert head["display"] == "Red flag: refer"
    # Rule 1: the mechanical differential stays listed below, with its own probability.
    assert prob(out, "sij_pain") > 0.15
    # Rule 12: the next step is the referral, not another provocation.
    assert {s["maneuver"] for s in out["suggested_next"]} <= ROUTE_CONFIRMING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("flags", "level", "first"),
    [
        (["history_of_cancer", "saddle_anaesthesia"], "emergency", "cauda_equina_syndrome"),
        (["history_of_cancer", "suspected_ruptured_aaa"], "emergency", "vascular_pathology"),
    ],
)
def test_the_most_severe_of_several_flags_leads(
    api_client: APIClient, flags: list[str], level: str, first: str
) -> None:
    # assess-api.md: "With several flags, the most severe level leads."
    out = assess(api_client, red_flags=flags)
    assert out["urgent_referral"]["level"] == level
    assert out["working_diagnosis"] == first
    assert [d["condition"] for d in out["differential"][:2]][1] == "serious_pathology"


@pytest.mark.django_db
def test_ruptured_aneurysm_stops_the_examination(api_client: APIClient) -> None:
    # Red-flag table, suspected_ruptured_aaa: "Emergency ambulance (999) now; do not examine further".
    out = assess(api_client, age=74, red_flags=["suspected_ruptured_aaa"])
    assert out["urgent_referral"]["level"] == "emergency"
    assert out["suggested_next"] == []
    assert {"fair", "sij_thigh_thrust", "slump", "abdominal_aortic_palpation"} <= {
        u["maneuver"] for u in out["unsafe_tests"]
    }


@pytest.mark.django_db
def test_night_pain_alone_does_not_route_but_does_with_a_cancer_history(api_client: APIClient) -> None:
    # Red-flag table, night_pain_unrelenting: "Urgent medical review only when combined with other flags".
    alone = assess(api_client, affected_side=L, red_flags=["night_pain_unrelenting"], findings=SIJ4)
    assert alone["urgent_referral"] is None
    assert alone["working_diagnosis"] == "sij_pain"
    assert alone["notes"]
    both = assess(api_client, red_flags=["night_pain_unrelenting", "history_of_cancer"])
    assert both["urgent_referral"]["level"] == "urgent"
    assert both["working_diagnosis"] == "serious_pathology"


@pytest.mark.django_db
def test_age_over_50_with_new_pain_strengthens_only_another_urgent_flag(api_client: APIClient) -> None:
    # Rule 9 (Deyo 1988): age over 50 with new pain is no flag of its own; with another urgent flag it
    # strengthens serious_pathology. New pain = short duration; without age the item is not recorded.
    def age_item(**body: Any) -> bool:
        out = assess(api_client, red_flags=["history_of_cancer"], **body)
        return any("age" in i for i in lead(out)["supporting"])

    assert age_item(age=67, duration_weeks=3)
    assert not age_item(age=67, duration_weeks=200)
    assert not age_item()
    no_flag = assess(api_client, age=67, duration_weeks=3)
    assert no_flag["urgent_referral"] is None
    assert prob(no_flag, "serious_pathology") == 0.01


@pytest.mark.django_db
def test_suspected_avulsion_forbids_hamstring_stretches_and_routes_from_the_examination(api_client: APIClient) -> None:
    # Rules 12-13 and the avulsion section: no stretch or resisted hamstring test when an avulsion is
    # suspected; surgical assessment within about four weeks, so the picture routes even unticked.
    half = assess(api_client, age=41, duration_weeks=1, affected_side=L, symptoms=["sudden_pop_injury"])
    assert half["urgent_referral"] is None
    assert {u["maneuver"] for u in half["unsafe_tests"]} >= HAMSTRING_LOADING
    assert not HAMSTRING_LOADING & {s["maneuver"] for s in half["suggested_next"]}
    assert "hamstring_origin_gap_palpation" in {s["maneuver"] for s in half["suggested_next"]}
    full = assess(
        api_client,
        age=41,
        duration_weeks=1,
        affected_side=L,
        symptoms=["sudden_pop_injury", "posterior_thigh_bruising"],
        findings=[
            finding("hamstring_origin_gap_palpation", familiar=None),
            finding("resisted_knee_flexion", familiar=None),
        ],
    )
    assert full["urgent_referral"]["level"] == "urgent"
    assert full["working_diagnosis"] == "proximal_hamstring_avulsion"
    assert full["suggested_next"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("symptoms", "findings", "flag"),
    [
        # Vascular section (khan2006, boylan2021, abimeta2013): claudication with abnormal pulses and ABI.
        (
            ["worse_walking", "walking_pain_relieved_standing_still"],
            [
                finding("edinburgh_claudication_questionnaire", side=None, familiar=None),
                finding("femoral_pulse_palpation", familiar=None),
                finding("ankle_brachial_index", familiar=None),
            ],
            "vascular_claudication",
        ),
        # lederle1999: a widened, expansile aorta on palpation (LR+ 12) is the pulsatile-mass flag.
        ([], [finding("abdominal_aortic_palpation", side=None, familiar=None)], "pulsatile_abdominal_mass"),
        # Red-flag table, dermatomal_prodrome_or_rash: burning in a band with skin sensitive to touch.
        (["burning_or_electric", "skin_hypersensitivity_band"], [], "dermatomal_prodrome_or_rash"),
    ],
)
def test_time_critical_mimics_found_by_examination_route_without_the_box_ticked(
    api_client: APIClient, symptoms: list[str], findings: list[dict[str, Any]], flag: str
) -> None:
    # Rule 13: buttock claudication or a pulsatile abdominal mass are vascular referrals (NICE NG156).
    out = assess(api_client, age=68, affected_side=L, symptoms=symptoms, findings=findings)
    assert out["urgent_referral"]["level"] == "urgent"
    assert out["urgent_referral"]["reasons"] == [flag]
    assert lead(out)["red_flag"] is True
    assert {s["maneuver"] for s in out["suggested_next"]} <= ROUTE_CONFIRMING


@pytest.mark.django_db
def test_perianal_abscess_with_diabetes_is_an_emergency(api_client: APIClient) -> None:
    # Red-flag table, perianal_abscess: "emergency if systemically unwell, diabetic or immunosuppressed".
    plain = assess(api_client, red_flags=["perianal_abscess"])
    diabetic = assess(api_client, red_flags=["perianal_abscess"], symptoms=["diabetes"])
    assert plain["urgent_referral"]["level"] == "urgent"
    assert diabetic["urgent_referral"]["level"] == "emergency"
    assert diabetic["working_diagnosis"] == "pelvic_visceral_source"


BAD = [
    ({"findings": [{"maneuver": "lasegue_bragard", "side": L, "result": "positive"}]}, ("findings", 0, "maneuver")),
    ({"findings": [{"maneuver": 7, "side": L, "result": "positive"}]}, ("findings", 0, "maneuver")),
    ({"findings": [finding("fair"), {"maneuver": "fair", "result": "positive"}]}, ("findings", 1, "side")),
    ({"findings": [{"maneuver": "fair", "side": "both", "result": "positive"}]}, ("findings", 0, "side")),
    ({"findings": [{"maneuver": "fair", "side": L, "result": "maybe"}]}, ("findings", 0, "result")),
    ({"findings": [dict(finding("fair"), familiar_pain="yes")]}, ("findings", 0, "familiar_pain")),
    ({"findings": {"maneuver": "fair"}}, ("findings",)),
    ({"age": 40}, ("findings",)),
    ({"age": 130, "findings": []}, ("age",)),
    ({"age": -1, "findings": []}, ("age",)),
    ({"age": "forty", "findings": []}, ("age",)),
    ({"age": 40.5, "findings": []}, ("age",)),
    ({"age": True, "findings": []}, ("age",)),
    ({"duration_weeks": 3000, "findings": []}, ("duration_weeks",)),
    ({"duration_weeks": "12", "findings": []}, ("duration_weeks",)),
    ({"red_flags": ["chest_pain"], "findings": []}, ("red_flags",)),
    ({"red_flags": "saddle_anaesthesia", "findings": []}, ("red_flags",)),
    ({"symptoms": ["itchy"], "findings": []}, ("symptoms",)),
    ({"pain_regions": [{"region": "knee", "side": L}], "findings": []}, ("pain_regions", 0, "region")),
    ({"affected_side": "middle", "findings": []}, ("affected_side",)),
    ({"colour": "red", "findings": []}, ("colour",)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "path"), BAD)
def test_bad_input_answers_400_naming_the_field(
    api_client: APIClient, body: object, path: tuple[str | int, ...]
) -> None:
    # assess-api.md: bad input answers 400 naming each offending field by its path, never a 500.
    response = post(api_client, body)
    assert response.status_code == 400
    node: Any = response.json()
    for step in path:
        node = node[step]
    assert node


@pytest.mark.django_db
def test_malformed_json_and_a_non_object_body_answer_400(api_client: APIClient) -> None:
    assert api_client.post(URL, data="{not json", content_type="application/json").status_code == 400
    assert post(api_client, []).status_code == 400
