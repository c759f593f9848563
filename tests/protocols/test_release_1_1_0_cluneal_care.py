"""Superior cluneal entrapment on 1.1.0: physiotherapy first, a nerve block only when it fails (issue 12).

REFERENCE: management starts with "load modification, analgesia and physiotherapy as for non-specific LBP
(nice2016)"; the SCN block comes after, and neurolysis for symptoms "intractable despite blocks" (kuniya2014).
Read from the release's own care file: every ask of a block, to whichever recipient, is conditioned on
physiotherapy having been tried, and the plan's first action is physiotherapy.
"""

from __future__ import annotations

import re

from protocols.care import care_load
from protocols.loader import protocol_load_file, yaml_read
from reports.letter_care import letter_care_from_mapping
from tests.protocols.releases import SHIPPED

P = protocol_load_file(SHIPPED)
CARE_FILE = SHIPPED.with_name("1.1.0.care.yaml")
CODE = "superior_cluneal_entrapment"
BLOCK = re.compile(r"nerve block", re.IGNORECASE)
AFTER_PHYSIO = re.compile(r"(not improving|not helped|fails|despite).*nerve block", re.IGNORECASE)


def test_the_plan_starts_with_physiotherapy_and_blocks_only_after_it():
    care = care_load(CARE_FILE, conditions=P.conditions, red_flags=P.red_flags, sources=P.sources)
    plan = care.conditions[CODE]
    assert plan.referral_target != "pain_physician"
    first, *rest = plan.requested_actions
    assert first.text.lower().startswith("physiotherapy first")
    assert not BLOCK.search(first.text)
    blocks = [a.text for a in rest if BLOCK.search(a.text)]
    assert blocks
    assert all(AFTER_PHYSIO.search(text) for text in blocks), blocks


def test_no_recipient_is_asked_for_a_block_straight_away():
    raw = yaml_read(CARE_FILE)[0]
    extra = letter_care_from_mapping(raw, conditions=P.conditions, sources=P.sources)
    asks = [(code, i.text) for code, r in extra.recipients.items() for i in r.by_condition.get(CODE, ())]
    blocks = [(code, text) for code, text in asks if BLOCK.search(text)]
    assert {code for code, _ in blocks} >= {"pain_physician"}
    assert all(AFTER_PHYSIO.search(text) for _, text in blocks), blocks
