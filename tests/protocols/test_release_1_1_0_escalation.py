"""A flag whose own referral words name a graver route leads at that level when its company is present.

sahnan2017 (the perianal abscess flag's source): drainage within 24 hours in uncomplicated cases; urgent
drainage "with diabetes, immunosuppression, sepsis or substantial cellulitis", and the flag's referral reads
"an emergency if systemically unwell, diabetic or immunosuppressed". Cases follow that sentence.
"""

from __future__ import annotations

import copy

import pytest

from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.loader import ProtocolError, protocol_from_mapping, protocol_load_file, yaml_read
from tests.protocols.releases import SHIPPED, item

P = protocol_load_file(SHIPPED)


def run(body: dict) -> dict:
    return assessment_to_dict(assess(P, exam_input_parse(P, body)))


ABSCESS = {"red_flags": ["perianal_abscess"], "symptoms": ["worse_sitting"], "findings": []}


def test_an_uncomplicated_abscess_is_urgent_and_leads_with_its_own_head():
    answer = run(ABSCESS)
    assert answer["urgent_referral"]["level"] == "urgent"
    assert answer["working_diagnosis"] == "pelvic_visceral_source"
    assert answer["differential"][0]["display"] == "Red flag: refer"


@pytest.mark.parametrize(
    "company",
    [{"symptoms": ["worse_sitting", "diabetes"]}, {"red_flags": ["perianal_abscess", "fever_or_infection_risk"]}],
)
def test_an_abscess_with_diabetes_or_systemic_illness_is_an_emergency(company):
    answer = run({**ABSCESS, **company})
    assert answer["urgent_referral"]["level"] == "emergency"
    assert answer["working_diagnosis"] == "pelvic_visceral_source"  # the escalated flag's head leads
    assert answer["suggested_next"] == []
    (note,) = [n for n in answer["notes"] if "leads as emergency" in n]
    assert "perianal_abscess" not in note  # said in lay words


def test_diabetes_alone_escalates_nothing_and_raises_no_flag():
    answer = run({"symptoms": ["diabetes", "worse_sitting"], "findings": []})
    assert answer["urgent_referral"] is None


def test_an_emergency_flag_still_leads_an_escalated_one_in_protocol_severity():
    answer = run({**ABSCESS, "red_flags": ["perianal_abscess", "saddle_anaesthesia"], "symptoms": ["diabetes"]})
    assert answer["urgent_referral"]["level"] == "emergency"
    heads = [d["condition"] for d in answer["differential"] if d["red_flag"]]
    assert set(heads) == {"cauda_equina_syndrome", "pelvic_visceral_source"}


@pytest.mark.parametrize(
    ("escalate", "problem"),
    [
        ({"level": "emergency", "with_symptoms": ["no_such_symptom"], "source": None, "why": "x"}, "unknown symptom"),
        ({"level": "soon", "with_flags": ["fever_or_infection_risk"], "source": None, "why": "x"}, "not one of"),
        ({"level": "emergency", "source": None, "why": "x"}, "at least one flag or symptom"),
    ],
)
def test_a_malformed_escalation_is_refused_naming_its_key(escalate, problem):
    data = copy.deepcopy(yaml_read(SHIPPED)[0])
    item(data["red_flags"], "perianal_abscess")["escalate"] = escalate
    with pytest.raises(ProtocolError) as caught:
        protocol_from_mapping(data, origin="1.1.0.yaml")
    assert "red_flags" in str(caught.value)
    assert "escalate" in str(caught.value)
    assert problem in str(caught.value)
