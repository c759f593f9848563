"""The contract JSON: keys, order, rounding and the shapes of items, clusters and suggestions."""

from __future__ import annotations

import json

from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.engine.serialize import probability_display
from tests.protocols.engine.cases import PIRIFORMIS, SERIOUS
from tests.protocols.engine.fixtures import real_protocol

PROTOCOL = real_protocol()


def _shaped(raw):
    return assessment_to_dict(assess(PROTOCOL, exam_input_parse(PROTOCOL, raw)))


def test_top_level_keys_follow_the_contract_in_a_fixed_order():
    shaped = _shaped(PIRIFORMIS)
    assert list(shaped) == [
        "protocol",
        "disclaimer",
        "urgent_referral",
        "working_diagnosis",
        "differential",
        "clusters",
        "suggested_next",
        "unsafe_tests",
        "notes",
    ]
    assert shaped["protocol"] == {"code": "buttock-pain", "version": PROTOCOL.version}
    assert shaped["urgent_referral"] is None
    assert shaped["disclaimer"].startswith("Working diagnosis for clinical decision support")


def test_differential_entry_and_evidence_item_shapes():
    head = _shaped(PIRIFORMIS)["differential"][0]
    assert list(head) == [
        *("condition", "label", "icd10", "red_flag", "display", "probability", "prior"),
        *("supporting", "against", "evidence"),
    ]
    assert head["icd10"] == "G57.0"
    item = next(i for i in head["supporting"] if "maneuver" in i)
    assert list(item) == ["maneuver", "side", "result", "lr", "counted", "basis", "source", "note"]
    assert item["result"] == "positive"
    assert head["evidence"][0] == PROTOCOL.sources[PROTOCOL.conditions["piriformis_syndrome"].prior_source].short


def test_cluster_and_suggestion_shapes():
    shaped = _shaped(PIRIFORMIS)
    martin = next(c for c in shaped["clusters"] if c["code"] == "martin_dgs")
    assert {k: martin[k] for k in ("positive", "tested", "threshold", "met")} == {
        "positive": 2,
        "tested": 2,
        "threshold": 1,
        "met": True,
    }
    assert [c["code"] for c in shaped["clusters"]] == list(PROTOCOL.clusters)
    suggestion = shaped["suggested_next"][0]
    assert list(suggestion) == ["maneuver", "side", "why", "expected_gain"]


def test_urgent_referral_shape():
    referral = _shaped(SERIOUS)["urgent_referral"]
    assert referral["level"] == "urgent"
    assert referral["reasons"] == ["history_of_cancer", "night_pain_unrelenting"]
    assert referral["condition"] == "serious_pathology"
    assert referral["referral"]


def test_probability_is_rounded_and_never_shown_as_certain():
    assert probability_display(0.123456) == 0.123
    assert probability_display(0.99996) == 0.999
    assert probability_display(1.0) == 0.999
    assert probability_display(0.0) == 0.001


def test_output_is_plain_json():
    shaped = _shaped(PIRIFORMIS)
    assert json.loads(json.dumps(shaped)) == shaped
