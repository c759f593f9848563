"""Rule 12 from suspicion: half a red flag's picture marks the tests it makes unsafe and asks for its check first.

REFERENCE rule 12: "Some tests are unsafe when a flag is *suspected*: no stretch or resisted test of the
hamstrings when an acute avulsion is suspected". A sudden pop under the buttock is that suspicion before any
bruise or gap is recorded (colosimo_nd; reurink2022: the typical signs are often absent or masked), and
claudication that eases on standing still is the vascular flag's own question before the pulses are felt
(nice_cg147; REFERENCE stenosis care: "Check pulses: exclude vascular claudication", khan2006). Cases are
written from those sentences, not from the engine's output.
"""

from __future__ import annotations

import re

import pytest

from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.loader import protocol_load_file
from tests.protocols.releases import SHIPPED

P = protocol_load_file(SHIPPED)
HAMSTRING_LOADS = {"puranen_orava", "bent_knee_stretch", "modified_bent_knee_stretch", "slump", "resisted_knee_flexion"}
PULSES = {"femoral_pulse_palpation", "iliofemoral_bruit", "ankle_brachial_index"}
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # a snake_case code such as sudden_pop_injury


def run(body: dict) -> dict:
    return assessment_to_dict(assess(P, exam_input_parse(P, body)))


def finding(maneuver: str, result: str, side: str = "right") -> dict:
    out: dict = {"maneuver": maneuver, "result": result}
    if P.maneuvers[maneuver].sided:
        out["side"] = side
    if P.maneuvers[maneuver].provocation and result == "positive":
        out["familiar_pain"] = True
    return out


def suggested(answer: dict) -> list[str]:
    return [s["maneuver"] for s in answer["suggested_next"]]


POP = {
    "affected_side": "right",
    "duration_weeks": 0,
    "symptoms": ["sudden_pop_injury"],
    "pain_regions": [{"region": "ischial_tuberosity", "side": "right"}],
    "findings": [],
}


def test_a_sudden_pop_alone_is_suspicion_not_a_route():
    answer = run(POP)
    assert answer["urgent_referral"] is None  # half the picture: no bruise, gap or weakness recorded yet
    assert {u["maneuver"] for u in answer["unsafe_tests"]} >= HAMSTRING_LOADS
    assert all(u["suspected"] for u in answer["unsafe_tests"])  # forbidden by suspicion, not by a routed flag
    assert suggested(answer)[0] == "hamstring_origin_gap_palpation"
    assert not set(suggested(answer)) & HAMSTRING_LOADS
    (note,) = [n for n in answer["notes"] if n.startswith("Suspected red flag")]
    assert P.red_flags["acute_hamstring_avulsion"].lay_words.rstrip(".") in note
    assert not CODE.search(note), note


def test_a_normal_gap_check_keeps_the_suspicion_and_still_forbids_the_stretches():
    # reurink2022: a haematoma can mask the gap, so a negative palpation does not lift the suspicion.
    answer = run({**POP, "findings": [finding("hamstring_origin_gap_palpation", "negative")]})
    assert answer["urgent_referral"] is None
    assert "hamstring_origin_gap_palpation" not in suggested(answer)
    assert not set(suggested(answer)) & HAMSTRING_LOADS
    assert {u["maneuver"] for u in answer["unsafe_tests"]} >= HAMSTRING_LOADS


def test_the_gap_found_turns_the_suspicion_into_the_urgent_route():
    answer = run({**POP, "findings": [finding("hamstring_origin_gap_palpation", "positive")]})
    assert answer["urgent_referral"]["reasons"] == ["acute_hamstring_avulsion"]
    assert answer["unsafe_tests"]
    assert not any(u["suspected"] for u in answer["unsafe_tests"])
    assert answer["working_diagnosis"] == "proximal_hamstring_avulsion"
    assert not any(n.startswith("Suspected") for n in answer["notes"])


@pytest.mark.parametrize("then", ["worse_sitting", "posterior_thigh_bruising"])
def test_a_pop_followed_by_sitting_pain_or_bruising_answers_the_flags_own_question(then):
    # The flag asks: a sudden pop "followed by bruising down the back of the thigh, pain on sitting or weakness".
    answer = run({**POP, "symptoms": ["sudden_pop_injury", then]})
    assert answer["urgent_referral"]["reasons"] == ["acute_hamstring_avulsion"]
    assert answer["differential"][0]["display"] == "Red flag: refer"
    assert not set(suggested(answer)) & HAMSTRING_LOADS


def test_a_slow_onset_sit_bone_pain_is_no_avulsion_suspicion():
    body = {**POP, "symptoms": ["worse_sitting", "recent_load_increase"], "duration_weeks": 20}
    answer = run(body)
    assert answer["unsafe_tests"] == []
    assert not any(n.startswith("Suspected") for n in answer["notes"])


CLAUDICATION = {
    "age": 67,
    "duration_weeks": 30,
    "affected_side": "left",
    "symptoms": ["walking_pain_relieved_standing_still", "worse_walking"],
    "pain_regions": [{"region": "upper_buttock", "side": "left"}],
    "findings": [],
}


def test_claudication_that_eases_standing_still_asks_for_the_pulses_first():
    answer = run(CLAUDICATION)
    assert answer["urgent_referral"] is None
    assert suggested(answer) == ["femoral_pulse_palpation", "iliofemoral_bruit", "ankle_brachial_index"]
    assert all(s["why"].startswith("Settles a suspected red flag") for s in answer["suggested_next"])


def test_normal_pulses_leave_the_index_to_check():
    # mahe2015: a normal resting ABI does not exclude internal iliac disease; normal pulses do not end the check.
    body = {**CLAUDICATION, "findings": [finding("femoral_pulse_palpation", "negative", "left")]}
    answer = run(body)
    assert answer["urgent_referral"] is None
    assert suggested(answer)[:2] == ["iliofemoral_bruit", "ankle_brachial_index"]


@pytest.mark.parametrize(
    "extra",
    [
        {"symptoms": ["walking_pain_relieved_standing_still", "diabetes"]},
        {"findings": [finding("ankle_brachial_index", "positive", "left")]},
        {"findings": [finding("edinburgh_claudication_questionnaire", "positive")]},
    ],
)
def test_claudication_with_a_risk_factor_or_an_abnormal_vascular_test_routes_the_vascular_flag(extra):
    answer = run({**CLAUDICATION, **extra})
    assert answer["urgent_referral"]["reasons"] == ["vascular_claudication"]
    assert answer["working_diagnosis"] == "vascular_pathology"
    assert set(suggested(answer)) <= PULSES


def test_neurogenic_claudication_eased_by_sitting_raises_no_vascular_suspicion():
    body = {**CLAUDICATION, "symptoms": ["worse_walking", "relieved_by_sitting_or_flexion", "leg_pain_worse_than_back"]}
    answer = run(body)
    assert not any(n.startswith("Suspected") for n in answer["notes"])
    assert not any(s["why"].startswith("Settles a suspected red flag") for s in answer["suggested_next"])


@pytest.mark.parametrize(
    "body",
    [
        POP,
        CLAUDICATION,
        {**POP, "findings": [finding("ischial_tuberosity_palpation", "positive")]},
        {"red_flags": ["significant_trauma"], "affected_side": "left", "findings": []},
        {"red_flags": ["fever_or_infection_risk"], "findings": []},
    ],
)
def test_no_test_marked_unsafe_is_ever_suggested(body):
    answer = run(body)
    assert not set(suggested(answer)) & {u["maneuver"] for u in answer["unsafe_tests"]}


@pytest.mark.django_db
def test_api_marks_the_suspected_avulsions_unsafe_tests(api_client):
    response = api_client.post("/api/v1/assess", POP, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["urgent_referral"] is None
    assert body["suggested_next"][0]["maneuver"] == "hamstring_origin_gap_palpation"
    assert {u["maneuver"] for u in body["unsafe_tests"]} >= HAMSTRING_LOADS
