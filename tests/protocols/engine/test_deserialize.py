"""Reading the stored contract JSON back: the typed assessment a finished exam is shown from.

A record read back and written again must be the record itself, for every case of both shipped releases, so a
finished exam's screens and letters see what the live exam saw. A record stored by the engine before 1.1.0 (no
`red_flag` marks, no unsafe tests) still reads, with its flagged heads found from the referral's flags.
"""

from __future__ import annotations

import json

import pytest

from protocols.engine import assess, assessment_from_dict, assessment_to_dict, exam_input_parse
from protocols.engine.types import Level, Result, Side
from protocols.loader import protocol_load_file
from tests.protocols.engine.cases import CASES, SERIOUS
from tests.protocols.releases import LEGACY, SHIPPED

RELEASES = {"1.0.0": protocol_load_file(LEGACY), "1.1.0": protocol_load_file(SHIPPED)}


def _stored(version: str, body: dict) -> dict:
    protocol = RELEASES[version]
    # Through JSON, as the database keeps it: tuples come back as lists.
    return json.loads(json.dumps(assessment_to_dict(assess(protocol, exam_input_parse(protocol, body)))))


@pytest.mark.parametrize("version", RELEASES)
@pytest.mark.parametrize("case", CASES)
def test_a_record_read_back_writes_the_same_record(version, case):
    stored = _stored(version, CASES[case][0])
    assert assessment_to_dict(assessment_from_dict(stored, RELEASES[version])) == stored


def test_typed_values_come_back_typed():
    stored = _stored("1.1.0", SERIOUS)
    read = assessment_from_dict(stored, RELEASES["1.1.0"])
    assert read.urgent_referral is not None
    assert read.urgent_referral.level is Level.URGENT
    assert read.urgent_referral.reasons == tuple(stored["urgent_referral"]["reasons"])
    head = read.differential[0]
    assert head.condition in read.flagged
    assert stored["differential"][0]["probability"] is None  # a referral, not odds ...
    assert read.flagged == tuple(e["condition"] for e in stored["differential"] if e["red_flag"])  # ... so named
    items = [i for e in read.differential for i in (*e.supporting, *e.against)]
    assert any(i.kind == "red_flag" for i in items)
    piriformis = assessment_from_dict(_stored("1.1.0", CASES["piriformis"][0]), RELEASES["1.1.0"])
    maneuvers = [i for i in piriformis.differential[0].supporting if i.kind == "maneuver"]
    assert maneuvers
    assert all(isinstance(i.result, Result) for i in maneuvers)
    assert any(isinstance(i.side, Side) for i in maneuvers)


def test_a_record_from_the_engine_before_1_1_0_reads_with_its_flagged_heads():
    stored = _stored("1.0.0", SERIOUS)
    old = {k: v for k, v in stored.items() if k != "unsafe_tests"}
    head_probability = 0.42  # the old engine stored a number for the flagged head
    old["differential"] = [
        {k: v for k, v in e.items() if k not in ("red_flag", "display")}
        | ({"probability": head_probability} if e["probability"] is None else {})
        for e in stored["differential"]
    ]
    for cluster in old["clusters"]:
        del cluster["members"], cluster["decided"]
    read = assessment_from_dict(old, RELEASES["1.0.0"])
    suggested = {RELEASES["1.0.0"].red_flags[r].suggests for r in stored["urgent_referral"]["reasons"]}
    assert set(read.flagged) == suggested
    assert read.unsafe_tests == ()
    assert all(c.members == 0 and not c.decided for c in read.clusters)
