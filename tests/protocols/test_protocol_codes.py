"""The shipped protocol speaks exactly the project's public vocabulary (the clinical CODES.md)."""

from __future__ import annotations

import pytest

from protocols.checks import VOCABULARY
from protocols.loader import protocol_load_file
from tests.protocols.reference import codes_read, reference_dir
from tests.protocols.releases import SHIPPED


@pytest.fixture(scope="module")
def codes():
    return codes_read()


@pytest.fixture(scope="module")
def protocol():
    return protocol_load_file(SHIPPED)


def test_maneuvers_match_the_vocabulary_with_their_sidedness(protocol):
    rows = [line.split("|") for line in (reference_dir() / "CODES.md").read_text().splitlines()]
    sided = {r[1].strip(): r[3].strip() == "yes" for r in rows if len(r) == 5 and r[3].strip() in ("yes", "no")}
    assert len(sided) == 28
    assert {code: m.sided for code, m in protocol.maneuvers.items()} == sided


@pytest.mark.parametrize(
    ("section", "attribute"),
    [
        ("red flags", "red_flags"),
        ("pain regions", "regions"),
        ("symptom descriptors", "symptoms"),
        ("conditions", "conditions"),
    ],
)
def test_section_lists_every_vocabulary_code_in_order(protocol, codes, section, attribute):
    assert list(getattr(protocol, attribute)) == codes[section]


def test_every_code_the_protocol_refers_to_is_in_the_vocabulary(protocol, codes):
    conditions, maneuvers = set(codes["conditions"]), set(codes["maneuvers"])
    assert {t for m in protocol.maneuvers.values() for t in m.targets} <= conditions
    assert {a.condition for m in protocol.maneuvers.values() for a in m.accuracy} <= conditions
    assert {m for c in protocol.clusters.values() for m in (*c.members, *c.related)} <= maneuvers
    assert {c.condition for c in protocol.clusters.values()} <= conditions
    assert {m for g in protocol.dependence_groups for m in g.members} <= maneuvers
    assert {f.code for f in protocol.features} <= set(codes["symptom descriptors"]) | set(codes["pain regions"])
    assert {r for c in protocol.conditions.values() for r in c.regions} <= set(codes["pain regions"])
    assert {f.suggests for f in protocol.red_flags.values()} == {"cauda_equina_syndrome", "serious_pathology"}


def test_system_check_vocabulary_is_a_faithful_copy(codes):
    vocabulary = VOCABULARY["buttock-pain"]
    assert list(vocabulary["maneuvers"]) == codes["maneuvers"]
    assert list(vocabulary["red_flags"]) == codes["red flags"]
    assert list(vocabulary["regions"]) == codes["pain regions"]
    assert list(vocabulary["symptoms"]) == codes["symptom descriptors"]
    assert list(vocabulary["conditions"]) == codes["conditions"]
