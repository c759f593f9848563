"""Every figure of the shipped protocol matches the clinical evidence it was transcribed from."""

from __future__ import annotations

import pytest

from protocols.engine.types import Accuracy, Basis
from protocols.loader import protocol_load_file, yaml_read
from tests.protocols.reference import evidence_read
from tests.protocols.releases import LEGACY, SHIPPED, item

FIGURES = ("sensitivity", "specificity", "lr_pos", "lr_neg", "n")


@pytest.fixture(scope="module")
def evidence():
    return evidence_read()


@pytest.fixture(scope="module")
def protocol():
    return protocol_load_file(SHIPPED)


@pytest.fixture(scope="module")
def legacy():
    return protocol_load_file(LEGACY)


@pytest.fixture(scope="module")
def raw():
    return yaml_read(SHIPPED)[0]


def figures(entry: Accuracy | dict) -> dict:
    get = entry.get if isinstance(entry, dict) else lambda key: getattr(entry, key)
    return {key: get(key) for key in FIGURES}


def has_figure(entry) -> bool:
    return any(value is not None for value in figures(entry).values())


def evidence_entries(evidence):
    for maneuver, body in evidence["maneuvers"].items():
        for entry in body["accuracy"]:
            yield maneuver, entry


def ours(protocol, maneuver, condition, source, basis=Basis.PUBLISHED):
    return [
        a
        for a in protocol.maneuvers[maneuver].accuracy
        if (a.condition, a.source, a.basis) == (condition, source, basis)
    ]


def test_every_published_figure_of_the_evidence_is_kept_exactly(protocol, evidence):
    for maneuver, entry in evidence_entries(evidence):
        if entry["source"] is None:
            continue
        matches = ours(protocol, maneuver, entry["condition"], entry["source"])
        assert figures(entry) in [figures(a) for a in matches], (maneuver, entry["source"])


def test_no_published_entry_of_ours_has_a_figure_the_evidence_lacks(protocol, evidence):
    given = {(m, e["condition"], e["source"], tuple(figures(e).values())) for m, e in evidence_entries(evidence)}
    for code, maneuver in protocol.maneuvers.items():
        for a in maneuver.accuracy:
            if a.basis is Basis.PUBLISHED and has_figure(a):
                assert (code, a.condition, a.source, tuple(figures(a).values())) in given, (code, a.source)


def test_preferred_published_entries_are_those_of_the_evidence(protocol, evidence):
    preferred_in_evidence = {
        (m, e["condition"], e["source"], tuple(figures(e).values()))
        for m, e in evidence_entries(evidence)
        if e.get("preferred") and has_figure(e)
    }
    # Unconfirmed figures stay visible but stop driving the arithmetic (replaced by a judgement weight).
    demoted = {("ifi_test", "gomezhoyos2016"), ("greater_trochanter_palpation", "grimaldi2017")}
    for code, maneuver in protocol.maneuvers.items():
        for a in maneuver.accuracy:
            key = (code, a.condition, a.source, tuple(figures(a).values()))
            if a.basis is Basis.PUBLISHED and has_figure(a):
                expected = key in preferred_in_evidence and (code, a.source) not in demoted
                assert a.preferred is expected, key


def test_not_confirmed_marks_are_kept(protocol, evidence):
    for maneuver, entry in evidence_entries(evidence):
        if entry["source"] and "not confirmed" in entry["note"]:
            for a in ours(protocol, maneuver, entry["condition"], entry["source"]):
                if figures(a) == figures(entry):
                    assert "not confirmed" in a.note.lower(), (maneuver, entry["source"])
    unconfirmed = {(m, a.source) for m, man in protocol.maneuvers.items() for a in man.accuracy if not a.confirmed}
    assert unconfirmed == {
        ("repeated_movements_centralization", "laslett2005b"),
        ("ifi_test", "gomezhoyos2016"),
        ("greater_trochanter_palpation", "grimaldi2017"),
    }


def test_judgement_entries_say_so_in_their_note(protocol):
    judgements = [a for m in protocol.maneuvers.values() for a in m.accuracy if a.basis is Basis.JUDGEMENT]
    assert len(judgements) == 13
    assert all("judgement" in a.note.lower() for a in judgements)


def test_priors_are_the_evidence_values_with_their_published_anchor(protocol, raw, evidence):
    for code, condition in protocol.conditions.items():
        published = evidence["conditions"][code]["prior"]
        assert condition.prior == evidence["priors"]["values"][code]
        assert condition.prior_basis is Basis.JUDGEMENT
        if published["source"] is None:  # no prevalence was found: a judgement prior with no anchor
            assert "anchor" not in item(raw["conditions"], code)["prior"]
            assert condition.prior_source is None
            continue
        anchor = item(raw["conditions"], code)["prior"]["anchor"]
        assert (anchor["value"], anchor["source"], anchor["basis"]) == (
            published["value"],
            published["source"],
            published["basis"],
        )
        assert condition.prior_source == published["source"]
        assert condition.icd10 == evidence["conditions"][code]["icd10"]
        assert set(condition.regions) == set(evidence["conditions"][code]["regions"])


def test_cluster_figures_match(protocol, evidence):
    for code, cluster in evidence["clusters"].items():
        mine = protocol.clusters[code]
        assert (mine.condition, list(mine.members), mine.threshold) == (
            cluster["condition"],
            cluster["members"],
            cluster["threshold"],
        )
        # A cluster with no published combined accuracy (only its sample size) has none in the protocol.
        if any(cluster["accuracy"][key] is not None for key in FIGURES[:4]):
            assert figures(mine.accuracy) == figures(cluster["accuracy"])
            assert mine.accuracy.source == cluster["accuracy"]["source"]
        else:
            assert mine.accuracy is None
        for variant, published in zip(mine.variants, cluster.get("variants", []), strict=True):
            assert (list(variant.members), variant.threshold) == (published["members"], published["threshold"])
            assert figures(variant.accuracy) == figures(published["accuracy"])
            assert variant.accuracy.source == published["accuracy"]["source"]


def test_red_flags_match(protocol, raw, evidence):
    assert list(protocol.red_flags) == list(evidence["red_flags"])
    for code, flag in evidence["red_flags"].items():
        mine = protocol.red_flags[code]
        assert (mine.level, mine.suggests, mine.source) == (flag["level"], flag["suggests"], flag["source"])
        stored = item(raw["red_flags"], code)["evidence"]
        assert (stored["lr_pos"], stored["source"]) == (flag["accuracy"]["lr_pos"], flag["accuracy"]["source"])
    assert item(raw["red_flags"], "history_of_cancer")["evidence"]["lr_pos"] == 23.7


def test_every_listed_symptom_keeps_its_direction(protocol, evidence, legacy):
    """Every history item of the evidence that is a code (symptom or age item) is weighted in its direction."""
    features = {(f.condition, f.code): f for f in protocol.features if f.kind in ("symptom", "age")}
    history = set(protocol.symptoms) | set(protocol.age_items)
    listed = [
        (c, s) for c, body in evidence["conditions"].items() for s in body.get("symptoms", []) if s["code"] in history
    ]
    assert {(c, s["code"]) for c, s in listed} <= set(features)
    # Items the evidence lists under another name (e.g. "bilateral buttock or leg pain") or that a flag's
    # question names (diabetes) are weighted too, always as labelled judgement.
    extra = set(features) - {(c, s["code"]) for c, s in listed}
    assert all(features[key].basis is Basis.JUDGEMENT for key in extra)
    for condition, symptom in listed:
        mine = features[(condition, symptom["code"])]
        assert mine.direction == symptom["direction"]
        if symptom["source"]:
            assert mine.source == symptom["source"]
        published = symptom.get("lr_pos")
        if mine.basis is Basis.PUBLISHED:  # a published factor is the study's own LR
            assert mine.factor == published
        elif published and published > protocol.thresholds.history_factor_max:
            assert mine.factor == protocol.thresholds.history_factor_max  # bounded, and the note says so
            assert "bounded" in mine.note
    # The 1.0.0 conditions keep 1.0.0's factors exactly (REFERENCE rule 8: 1.3 for, 0.77 against).
    old = {(f.condition, f.code, f.factor) for f in legacy.features}
    assert old <= {(f.condition, f.code, f.factor) for f in protocol.features}


def test_every_evidence_source_is_cited(protocol, evidence):
    assert set(evidence["sources"]) <= set(protocol.sources)
    assert protocol.sources["laslett2005b"].short != protocol.sources["laslett2005"].short
