"""Sides are said in the release's words (issue 12.5: one source for words), on every screen that names one."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from exams.screens import region_toggle, side_choices
from exams.selectors import ExamAnswers
from exams.words import side_word
from protocols.engine.rules import Label
from protocols.loader import protocol_load_file
from tests.protocols.releases import SHIPPED

WORDS = protocol_load_file(SHIPPED).labels
assert WORDS is not None
OTHER = replace(
    WORDS, sides=MappingProxyType({"left": Label("Patient's left", "PL"), "right": Label("Patient's right", "PR")})
)


def test_the_affected_side_choice_reads_the_release():
    assert [c.label for c in side_choices("left", OTHER)] == ["Patient's left", "Patient's right"]
    assert [c.label for c in side_choices("", WORDS)] == [WORDS.sides["left"].label, WORDS.sides["right"].label]


def test_a_body_chart_toggle_says_its_side_in_the_release_words():
    toggle = region_toggle("deep_buttock", "right", ExamAnswers(), words=OTHER)
    assert toggle.label == "Patient's right deep buttock"


def test_no_side_is_said_as_nothing():
    assert side_word(WORDS, None) == side_word(WORDS, "") == ""
