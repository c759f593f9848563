"""Working-diagnosis thresholds, the ordering of the differential, its evidence, and input-order independence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from protocols.engine import EngineInputError, assess
from tests.protocols.engine.fixtures import NEG, POS, L, acc, cond, exam, f, man, protocol_make

MANEUVERS = [man("ta", acc("a", 4.0, 0.25)), man("tb", acc("b", 4.0, 0.25)), man("tc", acc("c", 3.0, 0.5))]
PROTOCOL = protocol_make(MANEUVERS)


def test_working_diagnosis_needs_the_minimum_probability():
    # a: 0.2 -> 0.5 (equal to the 0.5 threshold); b stays at 0.2: margin 0.3
    assert assess(PROTOCOL, exam(f("ta"), side=L)).working_diagnosis == "a"
    weaker = protocol_make([man("ta", acc("a", 3.9, 0.25))])
    assert assess(weaker, exam(f("ta"), side=L)).working_diagnosis is None


def test_working_diagnosis_needs_the_minimum_margin_over_the_runner_up():
    assessment = assess(PROTOCOL, exam(f("ta"), f("tb"), side=L))
    assert [e.probability for e in assessment.differential[:2]] == pytest.approx([0.5, 0.5])
    assert assessment.working_diagnosis is None
    assert [s.maneuver for s in assessment.suggested_next] == ["tc"]  # the only test not yet done


def test_history_alone_never_names_a_working_diagnosis():
    # a weak maneuver (LR+ 1.5 < working_min_exam_lr 2.0) lifts "a" past the probability floor but names nothing
    weak = protocol_make([man("ta", acc("a", 1.5, 0.9))], [cond("a", 0.45), cond("b", 0.2), cond("c", 0.1)])
    assessment = assess(weak, exam(f("ta"), side=L))
    assert assessment.differential[0].condition == "a"
    assert assessment.differential[0].probability >= weak.thresholds.working_min_probability
    assert assessment.working_diagnosis is None


def test_differential_lists_every_condition_most_probable_first_ties_in_protocol_order():
    assessment = assess(PROTOCOL, exam(f("tc"), side=L))
    # c: 0.1 -> odds 0.111 x 3 = 0.25; a and b tie at 0.2
    assert [e.condition for e in assessment.differential] == ["c", "a", "b"]


def test_evidence_starts_with_the_prior_anchor_then_each_source_used():
    assessment = assess(PROTOCOL, exam(f("ta"), side=L))
    assert assessment.differential[0].evidence == ("Prior 1999", "Study 2000")


def test_evidence_is_never_empty_even_without_any_source():
    protocol = protocol_make([], [replace(cond("a", 0.3), prior_source=None)])
    assert assess(protocol, exam()).differential[0].evidence == ("judgement (protocol authors)",)


def test_result_does_not_depend_on_the_order_of_findings_or_regions():
    findings = [f("ta"), f("tb", NEG), f("tc", POS, L, False)]
    regions = (("deep_buttock", L), ("groin", L))
    forward = assess(PROTOCOL, exam(*findings, regions=regions))
    backward = assess(PROTOCOL, exam(*reversed(findings), regions=tuple(reversed(regions))))
    assert forward == backward


def test_unknown_maneuver_in_a_built_exam_is_an_input_error():
    with pytest.raises(EngineInputError) as raised:
        assess(PROTOCOL, exam(f("nope")))
    assert raised.value.errors[0].path == ("findings",)


def test_assessment_names_its_protocol_and_carries_the_disclaimer():
    assessment = assess(PROTOCOL, exam())
    assert (assessment.protocol_code, assessment.protocol_version) == ("mini", "0.0.1")
    assert "clinical decision support" in assessment.disclaimer
