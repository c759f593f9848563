"""Red flags are gates: their condition heads the differential and is the working diagnosis."""

from __future__ import annotations

import pytest

from protocols.engine import assess
from protocols.engine.types import Level
from tests.protocols.engine.fixtures import L, acc, cond, exam, f, flag, man, odds, prob, protocol_make

CONDITIONS = [cond("ces", 0.002, Level.EMERGENCY), cond("serious", 0.01, Level.URGENT), cond("a", 0.2), cond("b", 0.2)]
FLAGS = [
    flag("saddle", Level.EMERGENCY, "ces"),
    flag("bladder", Level.EMERGENCY, "ces"),
    flag("cancer", Level.URGENT, "serious", lr_pos=23.7),
    flag("night_pain", Level.URGENT, "serious"),
]
PROTOCOL = protocol_make([man("t", acc("a", 20.0, 0.05))], CONDITIONS, red_flags=FLAGS)
CONCLUSIVE = f("t")  # would make "a" the working diagnosis on its own


def test_no_flag_means_no_referral_and_priors_untouched():
    assessment = assess(PROTOCOL, exam(CONCLUSIVE, side=L))
    assert assessment.urgent_referral is None
    assert assessment.working_diagnosis == "a"
    assert prob(assessment, "ces") == pytest.approx(0.002)
    assert prob(assessment, "serious") == pytest.approx(0.01)


def test_emergency_flag_heads_the_differential_whatever_the_maneuvers_say():
    assessment = assess(PROTOCOL, exam(CONCLUSIVE, side=L, flags=("saddle",)))
    assert assessment.differential[0].condition == "ces"
    assert assessment.working_diagnosis == "ces"
    assert assessment.urgent_referral.level is Level.EMERGENCY
    assert assessment.differential[1].condition == "a"


def test_urgent_flag_makes_serious_pathology_the_head():
    assessment = assess(PROTOCOL, exam(CONCLUSIVE, side=L, flags=("night_pain",)))
    assert [e.condition for e in assessment.differential[:2]] == ["serious", "a"]
    assert assessment.urgent_referral.level is Level.URGENT
    assert assessment.urgent_referral.condition == "serious"


def test_both_levels_put_cauda_equina_first_and_serious_pathology_second():
    assessment = assess(PROTOCOL, exam(CONCLUSIVE, side=L, flags=("night_pain", "bladder")))
    assert [e.condition for e in assessment.differential[:3]] == ["ces", "serious", "a"]
    referral = assessment.urgent_referral
    assert referral.level is Level.EMERGENCY
    assert referral.reasons == ("bladder", "night_pain")
    assert referral.referral == "refer for bladder"


def test_referral_joins_the_texts_of_every_highest_level_flag():
    referral = assess(PROTOCOL, exam(flags=("bladder", "saddle", "cancer"))).urgent_referral
    assert referral.reasons == ("saddle", "bladder", "cancer")
    assert referral.referral == "refer for saddle; refer for bladder"


def test_published_flag_lr_raises_its_condition_bounded_like_any_lr():
    assessment = assess(PROTOCOL, exam(flags=("cancer",)))
    assert odds(prob(assessment, "serious")) / odds(0.01) == pytest.approx(20.0)


def test_flag_without_published_accuracy_leaves_the_prior_and_still_leads():
    assessment = assess(PROTOCOL, exam(flags=("night_pain",)))
    head = assessment.differential[0]
    assert head.probability == pytest.approx(0.01)
    assert head.supporting[0].kind == "red_flag"
    assert head.evidence
