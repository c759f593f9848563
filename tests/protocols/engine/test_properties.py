"""Properties over arbitrary valid exams of the shipped protocol."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protocols.engine import Level, assess, assessment_to_dict, exam_input_parse
from tests.protocols.engine.fixtures import real_protocol

PROTOCOL = real_protocol()
SLOTS = [(code, side) for code, m in PROTOCOL.maneuvers.items() for side in (("left", "right") if m.sided else (None,))]
RESULTS = ["positive", "negative", "equivocal", "not_tested"]


NO_FLAGS = st.just([])


@st.composite
def bodies(draw, *, flags=NO_FLAGS):
    slots = draw(st.lists(st.sampled_from(SLOTS), unique=True, max_size=len(SLOTS)))
    findings = []
    for code, side in slots:
        finding = {"maneuver": code, "result": draw(st.sampled_from(RESULTS))}
        if side:
            finding["side"] = side
        familiar = draw(st.sampled_from([True, False, None]))
        if familiar is not None:
            finding["familiar_pain"] = familiar
        findings.append(finding)
    regions = draw(
        st.lists(
            st.tuples(st.sampled_from(PROTOCOL.regions), st.sampled_from(["left", "right"])), unique=True, max_size=5
        )
    )
    return {
        "affected_side": draw(st.sampled_from([None, "left", "right"])),
        "red_flags": draw(flags),
        "pain_regions": [{"region": r, "side": s} for r, s in regions],
        "symptoms": draw(st.lists(st.sampled_from(PROTOCOL.symptoms), unique=True, max_size=4)),
        "findings": findings,
    }


def _assess(body):
    return assess(PROTOCOL, exam_input_parse(PROTOCOL, body))


@settings(max_examples=150, deadline=None)
@given(body=bodies())
def test_every_probability_lies_in_zero_to_one(body):
    assessment = _assess(body)
    assert all(0.0 <= e.probability <= 1.0 for e in assessment.differential)
    shown = assessment_to_dict(assessment)["differential"]
    assert all(0.0 < e["probability"] < 1.0 for e in shown)


@settings(max_examples=150, deadline=None)
@given(body=bodies(), data=st.data())
def test_adding_a_familiar_positive_never_lowers_a_condition_it_targets(body, data):
    side = body["affected_side"] or data.draw(st.sampled_from(["left", "right"]))
    taken = {(f["maneuver"], f.get("side")) for f in body["findings"]}
    free = [(c, s) for c, s in SLOTS if (c, s) not in taken and s in (None, side)]
    if not free:
        return
    code, slot_side = data.draw(st.sampled_from(free))
    added = {"maneuver": code, "result": "positive", "familiar_pain": True}
    if slot_side:
        added["side"] = slot_side
    before = {e.condition: e.probability for e in _assess(body).differential}
    after = {e.condition: e.probability for e in _assess({**body, "findings": [*body["findings"], added]}).differential}
    for target in PROTOCOL.maneuvers[code].targets:
        assert after[target] >= before[target] - 1e-12, (code, target)


@settings(max_examples=100, deadline=None)
@given(body=bodies(flags=st.lists(st.sampled_from(list(PROTOCOL.red_flags)), min_size=1, unique=True)))
def test_any_red_flag_refers_and_puts_its_condition_at_the_head(body):
    assessment = _assess(body)
    present = [PROTOCOL.red_flags[c] for c in body["red_flags"]]
    top_level = Level.EMERGENCY if any(f.level is Level.EMERGENCY for f in present) else Level.URGENT
    assert assessment.urgent_referral is not None
    assert assessment.urgent_referral.level is top_level
    head = assessment.differential[0].condition
    assert head == assessment.working_diagnosis
    assert head in {f.suggests for f in present if f.level is top_level}
    assert assessment.differential[0].evidence


@settings(max_examples=100, deadline=None)
@given(body=bodies(), data=st.data())
def test_result_is_independent_of_the_order_of_findings_regions_and_codes(body, data):
    shuffled = {
        **body,
        "findings": data.draw(st.permutations(body["findings"])),
        "pain_regions": data.draw(st.permutations(body["pain_regions"])),
        "symptoms": data.draw(st.permutations(body["symptoms"])),
    }
    assert assessment_to_dict(_assess(shuffled)) == assessment_to_dict(_assess(body))
