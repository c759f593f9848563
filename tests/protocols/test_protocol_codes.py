"""The shipped releases speak exactly the project's public vocabulary (the clinical CODES.md).

The current release (1.1.0) defines every code; 1.0.0 keeps exactly the codes it was released with, since an
exam recorded under it must read the same forever.
"""

from __future__ import annotations

import pytest

from protocols.checks import VOCABULARY, vocabulary_for
from protocols.loader import protocol_load_file
from tests.protocols.reference import codes_read, reference_dir
from tests.protocols.releases import LEGACY, SHIPPED

SECTIONS = [
    ("maneuvers", "maneuvers"),
    ("red flags", "red_flags"),
    ("pain regions", "regions"),
    ("symptom descriptors", "symptoms"),
    ("conditions", "conditions"),
]


@pytest.fixture(scope="module")
def codes():
    return codes_read()


@pytest.fixture(scope="module")
def protocol():
    return protocol_load_file(SHIPPED)


@pytest.fixture(scope="module")
def legacy():
    return protocol_load_file(LEGACY)


def _sidedness() -> dict[str, bool]:
    rows = [line.split("|") for line in (reference_dir() / "CODES.md").read_text().splitlines()]
    return {r[1].strip(): r[3].strip() == "yes" for r in rows if len(r) == 5 and r[3].strip() in ("yes", "no")}


def test_maneuvers_match_the_vocabulary_with_their_sidedness(protocol):
    sided = _sidedness()
    assert len(sided) == 44
    assert {code: m.sided for code, m in protocol.maneuvers.items()} == sided


def test_the_first_release_keeps_its_28_maneuvers_with_their_sidedness(legacy):
    sided = _sidedness()
    assert len(legacy.maneuvers) == 28
    assert {code: m.sided for code, m in legacy.maneuvers.items()} == {c: sided[c] for c in legacy.maneuvers}


@pytest.mark.parametrize(("section", "attribute"), SECTIONS[1:])
def test_section_lists_every_vocabulary_code_in_order(protocol, codes, section, attribute):
    assert list(getattr(protocol, attribute)) == codes[section]


@pytest.mark.parametrize(("section", "attribute"), SECTIONS[1:])
def test_the_first_release_lists_the_codes_of_1_0_0_in_order(legacy, section, attribute):
    assert list(getattr(legacy, attribute)) == codes_read("1.0.0")[section]


def test_every_code_the_protocol_refers_to_is_in_the_vocabulary(protocol, codes):
    conditions, maneuvers = set(codes["conditions"]), set(codes["maneuvers"])
    history = set(codes["symptom descriptors"]) | set(protocol.age_items)
    assert {t for m in protocol.maneuvers.values() for t in m.targets} <= conditions
    assert {a.condition for m in protocol.maneuvers.values() for a in m.accuracy} <= conditions
    scored = [c for c in protocol.clusters.values() if c.scored]
    assert {m for c in scored for m in (*c.members, *c.related)} <= maneuvers | history
    assert {c.condition for c in protocol.clusters.values()} <= conditions
    assert {m for g in protocol.dependence_groups for m in g.members} <= maneuvers
    assert {m for f in protocol.families for m in f.members} <= maneuvers
    assert {f.code for f in protocol.features} <= history | set(codes["pain regions"])
    assert {r for c in protocol.conditions.values() for r in c.regions} <= set(codes["pain regions"])
    assert {f.suggests for f in protocol.red_flags.values()} == {
        *("cauda_equina_syndrome", "serious_pathology", "proximal_hamstring_avulsion", "vascular_pathology"),
        *("pelvic_visceral_source", "herpes_zoster"),
    }


def test_the_emergency_flags_are_the_cauda_equina_signs_and_a_suspected_rupture(protocol):
    emergency = {code for code, flag in protocol.red_flags.items() if flag.level == "emergency"}
    assert emergency == {
        *("saddle_anaesthesia", "bladder_dysfunction", "bowel_dysfunction", "bilateral_leg_symptoms"),
        *("progressive_motor_weakness", "sexual_dysfunction", "suspected_ruptured_aaa"),
    }


def test_system_check_vocabulary_is_a_faithful_copy(codes):
    vocabulary = VOCABULARY["buttock-pain"]
    for section, attribute in SECTIONS:
        assert list(vocabulary[attribute]) == codes[section]


def test_system_check_vocabulary_of_1_0_0_is_the_codes_released_then():
    first = vocabulary_for("buttock-pain", "1.0.0")
    for section, attribute in SECTIONS:
        assert list(first[attribute]) == codes_read("1.0.0")[section]
    assert vocabulary_for("buttock-pain", "1.1.0") == dict(VOCABULARY["buttock-pain"])
