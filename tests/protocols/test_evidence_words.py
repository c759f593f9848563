"""One way to say an evidence item, read from the release: the summary screen and the letter call the same function.

Expected words are built from the release's own names and labels, so renaming a test in the data file changes
what is said without breaking a test.
"""

from __future__ import annotations

import pytest

from protocols.engine.types import Basis, EvidenceItem, Result, Side
from protocols.loader import protocol_load_file
from protocols.words import EvidenceWords, evidence_words, labels_for, word
from tests.protocols.releases import LEGACY, SHIPPED

P = protocol_load_file(SHIPPED)
WORDS = labels_for(P)


def _item(kind: str, code: str, **extra) -> EvidenceItem:
    return EvidenceItem(kind, code, 2.0, Basis.PUBLISHED, "Someone 2020", **extra)


def test_a_maneuver_is_said_by_its_name_with_side_and_result():
    said = evidence_words(P, WORDS, _item("maneuver", "fair", side=Side.LEFT, result=Result.POSITIVE))
    name = P.maneuvers["fair"].name
    assert said == EvidenceWords(name, WORDS.sides["left"].label, WORDS.results["positive"].label)
    assert said.text == f"{name}, left: positive"


def test_not_tested_reads_as_words_and_a_missing_side_or_result_is_left_out():
    said = evidence_words(P, WORDS, _item("maneuver", "fair", result=Result.NOT_TESTED))
    assert said.side == ""
    assert said.text == f"{P.maneuvers['fair'].name}: not tested"


def test_history_items_say_what_kind_of_finding_they_are():
    symptom, region = P.symptoms[0], P.regions[2]
    assert evidence_words(P, WORDS, _item("symptom", symptom)).text == f"Symptom: {WORDS.symptoms[symptom].label}"
    marked = evidence_words(P, WORDS, _item("region", region, side=Side.RIGHT))
    assert marked.text == f"Pain region: {WORDS.regions[region].label}, right"
    absent = evidence_words(P, WORDS, _item("region_absent", region))
    assert absent.what == f"No pain marked at: {WORDS.regions[region].label}"  # one wording, screen and letter


def test_a_cluster_names_its_members_whatever_kind_they_are():
    laslett = evidence_words(P, WORDS, _item("cluster", "laslett_sij", result=Result.POSITIVE))
    members = [P.maneuvers[m].name for m in P.clusters["laslett_sij"].members]
    assert laslett.what == "Cluster: " + " + ".join(members)
    cook = evidence_words(P, WORDS, _item("cluster", "cook_lss")).what
    assert WORDS.symptoms["worse_walking"].label in cook  # a history member, by its label
    assert "age over 48" in cook  # an age member, by its bound


def test_an_age_item_and_a_red_flag_are_said_in_the_release_words():
    assert evidence_words(P, WORDS, _item("age", "age_over_50_new_pain")).what == (
        "Age: over 50, pain for under 13 weeks"
    )
    flag = P.red_flags["saddle_anaesthesia"]
    assert evidence_words(P, WORDS, _item("red_flag", flag.code)).what == f"Red flag: {flag.lay_words}"


@pytest.mark.parametrize("kind", ["maneuver", "cluster", "age", "red_flag"])
def test_a_code_the_release_does_not_know_reads_as_words_not_as_a_code(kind):
    assert evidence_words(P, WORDS, _item(kind, "made_up_code")).what == "Made up code"
    assert word(WORDS, "regions", "made_up_code") == "Made up code"


def test_a_1_0_0_exam_is_said_in_1_0_0_words():
    legacy = protocol_load_file(LEGACY)
    words = labels_for(legacy, {"labels": {"regions": {"deep_buttock": "Deep buttock (1.0.0)"}, "symptoms": {}}})
    said = evidence_words(legacy, words, _item("region", "deep_buttock", side=Side.LEFT))
    assert said.text == "Pain region: Deep buttock (1.0.0), left"
