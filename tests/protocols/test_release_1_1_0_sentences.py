"""Engine sentences carry words, not codes (issue 12.5): the `why` of a suggestion, the notes and every evidence
item's note say maneuvers, conditions, clusters, history items and flags by their labels, whatever the exam.

Source keys (citations such as cornwall_lbp) may appear: every rule cites its source.
"""

from __future__ import annotations

import re

import pytest

from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.loader import protocol_load_file
from tests.protocols.releases import SHIPPED

P = protocol_load_file(SHIPPED)
VOCABULARY = {*P.maneuvers, *P.conditions, *P.clusters, *P.symptoms, *P.red_flags, *P.regions} - set(P.sources)
VOCABULARY = {code for code in VOCABULARY if "_" in code}  # one-word codes (fair, slump) read as words
WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def pos(code: str, side: str = "left", familiar: bool = True) -> dict:
    out: dict = {"maneuver": code, "result": "positive"}
    if P.maneuvers[code].sided:
        out["side"] = side
    if P.maneuvers[code].provocation:
        out["familiar_pain"] = familiar
    return out


EXAMS = [
    {"affected_side": "left", "findings": [pos("sij_distraction"), pos("sij_thigh_thrust"), pos("gaenslen")]},
    {"affected_side": "left", "findings": [pos("straight_leg_raise"), pos("slump"), pos("fair", "right")]},
    {"affected_side": "left", "findings": [pos("active_piriformis", familiar=False), pos("puranen_orava")]},
    {"affected_side": "left", "findings": [pos("bent_knee_stretch"), pos("modified_bent_knee_stretch")]},
    {"affected_side": "left", "pain_regions": [{"region": "groin", "side": "left"}], "findings": [pos("fadir")]},
    {"red_flags": ["night_pain_unrelenting"], "findings": []},
    {"red_flags": ["bilateral_leg_symptoms"], "symptoms": ["bilateral_leg_symptoms_longstanding"], "findings": []},
    {"red_flags": ["perianal_abscess"], "symptoms": ["diabetes"], "findings": []},
    {"symptoms": ["sudden_pop_injury"], "affected_side": "left", "findings": []},
    {"symptoms": ["walking_pain_relieved_standing_still", "diabetes"], "findings": []},
    {
        "age": 62,
        "symptoms": ["worse_walking", "leg_pain_worse_than_back", "relieved_by_sitting_or_flexion"],
        "findings": [],
    },
]


def sentences(answer: dict) -> list[str]:
    out = [*answer["notes"], *(s["why"] for s in answer["suggested_next"])]
    out += [i["note"] for d in answer["differential"] for i in (*d["supporting"], *d["against"])]
    return out


@pytest.mark.parametrize("body", EXAMS)
def test_no_engine_sentence_names_a_code(body):
    answer = assessment_to_dict(assess(P, exam_input_parse(P, body)))
    leaks = {(code, text) for text in sentences(answer) for code in WORD.findall(text) if code in VOCABULARY}
    assert not leaks, sorted(leaks)
