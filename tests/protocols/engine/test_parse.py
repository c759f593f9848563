"""Request validation: every fault is collected and named by its path; nothing but EngineInputError escapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocols.engine import EngineInputError, Result, Side, exam_input_parse
from tests.protocols.engine.fixtures import real_protocol

PROTOCOL = real_protocol()


def _errors(raw) -> dict[tuple, list[str]]:
    with pytest.raises(EngineInputError) as raised:
        exam_input_parse(PROTOCOL, raw)
    found: dict[tuple, list[str]] = {}
    for error in raised.value.errors:
        found.setdefault(error.path, []).append(error.message)
    return found


def test_minimal_body_parses():
    exam = exam_input_parse(PROTOCOL, {"findings": []})
    assert exam.findings == ()
    assert exam.affected_side is None


def test_full_body_parses_into_engine_types():
    exam = exam_input_parse(
        PROTOCOL,
        {
            "affected_side": "left",
            "red_flags": ["saddle_anaesthesia", "saddle_anaesthesia"],
            "pain_regions": [{"region": "deep_buttock", "side": "left"}],
            "symptoms": ["worse_sitting"],
            "findings": [{"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True}],
        },
    )
    assert exam.affected_side is Side.LEFT
    assert exam.red_flags == frozenset({"saddle_anaesthesia"})
    assert exam.findings[0].result is Result.POSITIVE
    assert exam.findings[0].familiar_pain is True


def test_unknown_top_level_key_is_rejected():
    assert _errors({"findings": [], "colour": "red"}) == {("colour",): ["Unknown key."]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "This field is required."),
        ({"findings": {"maneuver": "fair"}}, "Expected a list of findings."),
    ],
)
def test_findings_are_required_and_a_list(body, message):
    assert _errors(body) == {("findings",): [message]}


def test_sided_maneuver_without_side_is_named():
    errors = _errors(
        {
            "findings": [
                {"maneuver": "sij_distraction", "result": "negative"},
                {"maneuver": "fair", "result": "positive"},
            ]
        }
    )
    assert errors == {("findings", 1, "side"): ["fair is sided: give left or right."]}


def test_every_fault_in_a_finding_is_reported_at_once():
    errors = _errors(
        {"findings": [{"maneuver": "fair", "side": "up", "result": "maybe", "familiar_pain": "yes", "colour": 1}]}
    )
    assert set(errors) == {("findings", 0, p) for p in ("colour", "side", "result", "familiar_pain")}
    assert errors[("findings", 0, "result")] == ["Must be one of positive, negative, equivocal, not_tested."]


def test_unknown_maneuver_code_is_named_in_the_message():
    errors = _errors({"findings": [{"maneuver": "tickle_test", "result": "positive"}]})
    assert "tickle_test" in errors[("findings", 0, "maneuver")][0]


def test_same_maneuver_and_side_recorded_twice_is_rejected():
    finding = {"maneuver": "fair", "side": "left", "result": "negative"}
    errors = _errors({"findings": [finding, {**finding, "result": "positive"}]})
    assert errors == {("findings", 1, "non_field_errors"): ["fair (left) recorded twice."]}


def test_side_given_for_an_unsided_maneuver_is_ignored():
    exam = exam_input_parse(
        PROTOCOL,
        {"findings": [{"maneuver": "sij_distraction", "side": "left", "result": "positive", "familiar_pain": True}]},
    )
    assert exam.findings[0].side is None


def test_unsided_maneuver_on_both_sides_is_a_duplicate():
    body = {"findings": [{"maneuver": "sij_compression", "side": s, "result": "negative"} for s in ("left", "right")]}
    assert ("findings", 1, "non_field_errors") in _errors(body)


def test_more_findings_than_the_protocol_holds_are_rejected():
    capacity = sum(2 if m.sided else 1 for m in PROTOCOL.maneuvers.values())
    body = {"findings": [{"maneuver": "fair", "side": "left", "result": "negative"}] * (capacity + 1)}
    assert list(_errors(body)) == [("findings",)]


def test_pain_region_faults_are_named():
    errors = _errors({"findings": [], "pain_regions": [{"region": "elbow", "side": "both", "pain": 3}]})
    assert set(errors) == {("pain_regions", 0, "region"), ("pain_regions", 0, "side"), ("pain_regions", 0, "pain")}


@pytest.mark.parametrize("key", ["red_flags", "symptoms"])
def test_code_lists_must_hold_known_strings(key):
    errors = _errors({"findings": [], key: ["made_up", 7]})
    assert len(errors[(key,)]) == 2
    assert "made_up" in errors[(key,)][0]
    assert _errors({"findings": [], key: "made_up"})[(key,)][0].startswith("Expected a list")


@pytest.mark.parametrize("side", ["up", 1, True])
def test_affected_side_must_be_left_right_or_null(side):
    assert _errors({"findings": [], "affected_side": side}) == {("affected_side",): ["Must be left, right or null."]}


@pytest.mark.parametrize("raw", [None, [], "findings", 3])
def test_body_that_is_not_an_object_is_rejected(raw):
    assert _errors(raw) == {("non_field_errors",): ["Expected a JSON object."]}


def test_findings_come_out_in_protocol_order_whatever_the_input_order():
    findings = [
        {"maneuver": "slump", "side": "left", "result": "negative"},
        {"maneuver": "fair", "side": "right", "result": "negative"},
        {"maneuver": "fair", "side": "left", "result": "negative"},
    ]
    exam = exam_input_parse(PROTOCOL, {"findings": findings})
    assert [(f.maneuver, f.side) for f in exam.findings] == [
        ("fair", Side.LEFT),
        ("fair", Side.RIGHT),
        ("slump", Side.LEFT),
    ]


_codes = st.sampled_from([*PROTOCOL.maneuvers, "fair", "left", "right", "positive", "nope", ""])
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5) | _codes,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | _codes, inner, max_size=4),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "findings",
        "affected_side",
        "red_flags",
        "pain_regions",
        "symptoms",
        "maneuver",
        "side",
        "result",
        "familiar_pain",
        "region",
        "colour",
    ]
)
_finding_like = st.dictionaries(_keys, _json | _codes, max_size=5)
_body = st.dictionaries(_keys, _json | st.lists(_finding_like | _json, max_size=5), max_size=6)


@settings(max_examples=400, deadline=None)
@given(raw=_json | _body)
def test_parser_never_raises_anything_but_engine_input_error(raw):
    errors: tuple = ()
    try:
        exam_input_parse(PROTOCOL, raw)
    except EngineInputError as error:
        errors = error.errors
        assert errors, "an input error always names at least one field"
    assert all(isinstance(e.message, str) and e.message for e in errors)
