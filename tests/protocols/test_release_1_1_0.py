"""Protocol 1.1.0's clinical-safety rules, through the engine and through POST /api/v1/assess.

Cases are written from the evidence (REFERENCE.md part C and rules 9-13), not from the engine's output: each
asserts a route, a naming rule or a safety mark that the evidence states.
"""

from __future__ import annotations

import pytest

from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.loader import protocol_load_file
from protocols.words import labels_for, symptom_groups_for, unsafe_tests_for
from tests.protocols.releases import LEGACY, SHIPPED

P = protocol_load_file(SHIPPED)
URL = "/api/v1/assess"
PROVOCATIONS = {code for code, m in P.maneuvers.items() if m.provocation}
STRETCH_OR_RESISTED = PROVOCATIONS | {"resisted_knee_flexion"}


def run(body: dict) -> dict:
    return assessment_to_dict(assess(P, exam_input_parse(P, body)))


def pos(maneuver: str, side: str | None = "left", familiar: bool | None = True) -> dict:
    finding = {"maneuver": maneuver, "result": "positive"}
    if P.maneuvers[maneuver].sided:
        finding["side"] = side
    if P.maneuvers[maneuver].provocation:
        finding["familiar_pain"] = familiar
    return finding


def neg(maneuver: str, side: str = "left") -> dict:
    finding = {"maneuver": maneuver, "result": "negative"}
    if P.maneuvers[maneuver].sided:
        finding["side"] = side
    return finding


WATER_SKIER = {
    "age": 44,
    "duration_weeks": 1,
    "affected_side": "left",
    "symptoms": ["sudden_pop_injury", "posterior_thigh_bruising", "worse_sitting"],
    "pain_regions": [{"region": "ischial_tuberosity", "side": "left"}, {"region": "posterior_thigh", "side": "left"}],
    "findings": [pos("ischial_tuberosity_palpation"), pos("hamstring_origin_gap_palpation")],
}
CLAUDICANT = {
    "age": 66,
    "duration_weeks": 26,
    "symptoms": ["walking_pain_relieved_standing_still", "worse_walking", "diabetes"],
    "pain_regions": [{"region": "upper_buttock", "side": "left"}, {"region": "upper_buttock", "side": "right"}],
    "findings": [pos("femoral_pulse_palpation"), pos("iliofemoral_bruit")],
}


def assert_no_provocation_suggested(answer: dict) -> None:
    assert not {s["maneuver"] for s in answer["suggested_next"]} & STRETCH_OR_RESISTED


def test_the_acute_avulsion_is_routed_and_named_without_its_question_ticked():
    answer = run(WATER_SKIER)
    assert answer["urgent_referral"]["level"] == "urgent"
    assert answer["urgent_referral"]["reasons"] == ["acute_hamstring_avulsion"]
    assert answer["working_diagnosis"] == "proximal_hamstring_avulsion"
    head = answer["differential"][0]
    assert (head["condition"], head["red_flag"], head["probability"], head["display"]) == (
        "proximal_hamstring_avulsion",
        True,
        None,
        "Red flag: refer",
    )
    assert_no_provocation_suggested(answer)
    unsafe = {u["maneuver"] for u in answer["unsafe_tests"]}
    assert {"puranen_orava", "bent_knee_stretch", "modified_bent_knee_stretch", "resisted_knee_flexion"} <= unsafe


def test_buttock_claudication_with_an_abnormal_pulse_is_a_vascular_referral():
    answer = run(CLAUDICANT)
    assert answer["urgent_referral"]["reasons"] == ["vascular_claudication"]
    assert answer["working_diagnosis"] == "vascular_pathology"
    # A vascular flag may suggest what confirms its route: never a provocation.
    assert {s["maneuver"] for s in answer["suggested_next"]} <= {"ankle_brachial_index", "iliofemoral_bruit"}
    assert "ankle_brachial_index" in {s["maneuver"] for s in answer["suggested_next"]}


@pytest.mark.parametrize("flag", sorted(P.red_flags))
def test_every_flag_alone_or_with_company_routes_and_stops_the_provocation_exam(flag):
    flags = [flag] if flag != "night_pain_unrelenting" else [flag, "history_of_cancer"]
    answer = run({"red_flags": flags, "affected_side": "left", "findings": [pos("fair")]})
    referral = answer["urgent_referral"]
    assert referral is not None
    assert flag in referral["reasons"]
    assert referral["level"] == P.red_flags[flags[0]].level or len(flags) > 1
    head = answer["differential"][0]
    assert head["red_flag"] is True
    assert head["probability"] is None
    assert (
        head["condition"] == answer["working_diagnosis"] == P.red_flags[flags[-1] if len(flags) > 1 else flag].suggests
    )
    assert_no_provocation_suggested(answer)


def test_several_flags_the_most_severe_level_leads():
    answer = run({"red_flags": ["acute_hamstring_avulsion", "suspected_ruptured_aaa"], "findings": []})
    assert answer["urgent_referral"]["level"] == "emergency"
    assert answer["working_diagnosis"] == "vascular_pathology"
    assert [d["condition"] for d in answer["differential"][:2]] == ["vascular_pathology", "proximal_hamstring_avulsion"]
    assert all(d["probability"] is None for d in answer["differential"][:2])
    assert answer["suggested_next"] == []  # a suspected rupture: do not examine further
    assert {u["maneuver"] for u in answer["unsafe_tests"]} == set(P.maneuvers)


def test_night_pain_counts_only_with_another_flag():
    alone = run({"red_flags": ["night_pain_unrelenting"], "findings": []})
    assert alone["urgent_referral"] is None
    lay = P.red_flags["night_pain_unrelenting"].lay_words.rstrip(".")
    assert any(lay in note and "not routed" in note for note in alone["notes"])
    assert not any("night_pain_unrelenting" in note for note in alone["notes"])  # words, not codes
    joined = run({"red_flags": ["night_pain_unrelenting", "unexplained_weight_loss"], "findings": []})
    assert joined["urgent_referral"]["reasons"] == ["unexplained_weight_loss", "night_pain_unrelenting"]


def test_bilateral_leg_symptoms_are_an_emergency_only_when_new_or_with_a_cauda_equina_sign():
    new = run({"red_flags": ["bilateral_leg_symptoms"], "findings": []})
    assert new["urgent_referral"]["level"] == "emergency"
    longstanding = {"red_flags": ["bilateral_leg_symptoms"], "symptoms": ["bilateral_leg_symptoms_longstanding"]}
    assert run({**longstanding, "findings": []})["urgent_referral"] is None
    with_saddle = run({**longstanding, "red_flags": ["bilateral_leg_symptoms", "saddle_anaesthesia"], "findings": []})
    assert with_saddle["urgent_referral"]["reasons"] == ["saddle_anaesthesia", "bilateral_leg_symptoms"]


@pytest.mark.parametrize(
    "single",
    [pos("fair"), pos("single_leg_stance_30s"), pos("slump"), pos("seated_piriformis_stretch")],
)
def test_no_single_provocation_names_a_diagnosis(single):
    answer = run({"affected_side": "left", "findings": [single]})
    assert answer["working_diagnosis"] is None
    assert answer["suggested_next"]


def test_fair_and_the_seated_stretch_are_one_family_never_multiplied():
    answer = run({"affected_side": "left", "findings": [pos("fair"), pos("seated_piriformis_stretch")]})
    piriformis = next(d for d in answer["differential"] if d["condition"] == "piriformis_syndrome")
    counted = [i for i in piriformis["supporting"] if i["counted"] and ("maneuver" in i or "cluster" in i)]
    assert [i.get("cluster") for i in counted] == ["martin_dgs"]  # the cluster once, FAIR absorbed
    fair = next(i for i in piriformis["supporting"] if i.get("maneuver") == "fair")
    assert fair["counted"] is False


def test_two_concordant_positives_from_different_families_can_name_it():
    body = {
        "affected_side": "left",
        "pain_regions": [{"region": "lateral_hip", "side": "left"}],
        "symptoms": ["worse_lying_on_side"],
        "findings": [pos("single_leg_stance_30s"), pos("greater_trochanter_palpation")],
    }
    # grimaldi's palpation + loading pair are different families: the exam names the gluteal tendons.
    assert run(body)["working_diagnosis"] == "gluteal_tendinopathy"


def test_the_defining_sign_names_the_superior_cluneal_nerve():
    body = {
        "affected_side": "left",
        "pain_regions": [{"region": "iliac_crest", "side": "left"}, {"region": "upper_buttock", "side": "left"}],
        "symptoms": ["worse_transitions", "worse_standing"],
        "findings": [pos("iliac_crest_palpation"), neg("sij_distraction"), neg("slump")],
    }
    assert run(body)["working_diagnosis"] == "superior_cluneal_entrapment"
    thin = {"affected_side": "left", "findings": [pos("iliac_crest_palpation")]}
    assert run(thin)["working_diagnosis"] is None  # a thin exam answers null and a next test
    assert run(thin)["suggested_next"]


def test_asas_criteria_read_age_at_onset_from_age_and_duration():
    symptoms = ["insidious_onset", "improves_with_exercise", "no_improvement_with_rest"]
    young = run({"age": 30, "duration_weeks": 52, "symptoms": symptoms, "findings": []})
    old = run({"age": 60, "duration_weeks": 52, "symptoms": symptoms, "findings": []})
    brief = run({"age": 30, "duration_weeks": 6, "symptoms": symptoms, "findings": []})
    status = {a: next(c for c in r["clusters"] if c["code"] == "ibp_criteria") for a, r in [("y", young), ("o", old)]}
    assert (status["y"]["met"], status["o"]["met"]) == (True, False)  # onset at 29 vs 59 (ASAS: before 40)
    assert next(c for c in brief["clusters"] if c["code"] == "ibp_criteria")["decided"] is False  # not chronic

    def p(answer: dict) -> float:
        return next(
            d["probability"] for d in answer["differential"] if d["condition"] == "inflammatory_spondyloarthritis"
        )

    assert p(young) > p(old)


def test_cooks_cluster_reads_age_over_48_and_can_name_stenosis_with_the_exam():
    symptoms = ["leg_pain_worse_than_back", "worse_walking", "relieved_by_sitting_or_flexion"]
    findings = [pos("wide_based_gait"), neg("femoral_pulse_palpation")]
    older = run({"age": 70, "duration_weeks": 80, "symptoms": symptoms, "findings": findings})
    younger = run({"age": 40, "duration_weeks": 80, "symptoms": symptoms, "findings": findings})
    cook = {k: next(c for c in r["clusters"] if c["code"] == "cook_lss") for k, r in [("o", older), ("y", younger)]}
    assert (cook["o"]["met"], cook["y"]["met"]) == (True, False)
    assert older["working_diagnosis"] == "lumbar_spinal_stenosis"


def test_age_over_50_with_new_pain_strengthens_serious_pathology_only_with_another_urgent_flag():
    def items(body: dict) -> list:
        answer = run(body)
        entry = next(d for d in answer["differential"] if d["condition"] == "serious_pathology")
        return [i for i in entry["supporting"] if i.get("age") == "age_over_50_new_pain"]

    assert items({"age": 70, "duration_weeks": 2, "findings": []}) == []
    assert items({"age": 70, "duration_weeks": 2, "red_flags": ["unexplained_weight_loss"], "findings": []})


def test_why_sentences_carry_labels_not_codes():
    answer = run({"affected_side": "left", "findings": [pos("fair")]})
    for suggestion in answer["suggested_next"]:
        assert "_" not in suggestion["why"].split(":")[0], suggestion["why"]


def test_groin_pain_and_hip_tests_name_the_hip_joint_through_sutlives_cluster():
    body = {
        "affected_side": "right",
        "age": 62,
        "duration_weeks": 40,
        "symptoms": ["worse_squatting"],
        "pain_regions": [{"region": "groin", "side": "right"}, {"region": "deep_buttock", "side": "right"}],
        "findings": [
            pos("hip_internal_rotation_range", "right"),
            pos("hip_scour", "right"),
            pos("active_hip_flexion_pain", "right"),
        ],
    }
    answer = run(body)
    assert next(c for c in answer["clusters"] if c["code"] == "sutlive_hip_oa")["met"] is True
    assert answer["working_diagnosis"] == "hip_joint_pathology"


def test_words_groups_and_unsafe_marks_are_read_from_the_release():
    words = labels_for(P)
    assert words.regions["sacral_dimple"].label == "Sacral dimple (PSIS)"
    assert set(words.symptoms) == set(P.symptoms)
    assert set(words.sides) == {"left", "right"}
    grouped = [s for g in symptom_groups_for(P) for s in g.symptoms]
    assert sorted(grouped) == sorted(P.symptoms)
    marks = unsafe_tests_for(P, {"significant_trauma"})
    assert set(marks) == PROVOCATIONS
    assert unsafe_tests_for(P, set()) == {}


def test_the_first_release_has_no_labels_of_its_own_and_falls_back_to_its_care_words():
    legacy = protocol_load_file(LEGACY)
    words = labels_for(legacy, {"labels": {"regions": {"sacral_dimple": "Sacral dimple (SIJ)"}, "symptoms": {}}})
    assert words.regions["sacral_dimple"].label == "Sacral dimple (SIJ)"
    assert [g.code for g in symptom_groups_for(legacy)] == ["history"]


@pytest.mark.django_db
def test_api_routes_the_avulsion_and_reads_age_and_duration(api_client):
    response = api_client.post(URL, WATER_SKIER, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["protocol"]["version"] == "1.1.0"
    assert body["working_diagnosis"] == "proximal_hamstring_avulsion"
    assert body["differential"][0]["probability"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "value"), [("age", 121), ("age", -1), ("age", "40"), ("duration_weeks", 2601)])
def test_api_refuses_age_or_duration_outside_the_contract(api_client, key, value):
    response = api_client.post(URL, {key: value, "findings": []}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [key]


@pytest.mark.django_db
def test_api_names_findings_for_a_5000_finding_body(api_client):
    finding = {"maneuver": "fair", "side": "left", "result": "negative", "familiar_pain": None}
    response = api_client.post(URL, {"findings": [finding] * 5000}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["findings"]
