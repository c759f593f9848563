from __future__ import annotations

import pytest

from protocols.engine.types import Basis, Level, Protocol
from protocols.loader import protocol_from_mapping, protocol_load_file, yaml_read
from tests.protocols.releases import LEGACY as SHIPPED  # the 1.0.0 file, proven to load as it always did

MANEUVER_STEPS = {
    "sij_provocation": {
        "sij_distraction",
        "sij_thigh_thrust",
        "sij_compression",
        "sij_sacral_thrust",
        "gaenslen",
        "faber",
    },
    "deep_gluteal": {"fair", "seated_piriformis_stretch", "active_piriformis", "pace_sign", "freiberg_sign"},
    "hamstring": {"puranen_orava", "bent_knee_stretch", "modified_bent_knee_stretch"},
    "ischiofemoral": {"long_stride_walking", "ifi_test"},
    "gluteal_tendon": {"single_leg_stance_30s", "resisted_external_derotation"},
    "neural_tension": {
        "straight_leg_raise",
        "crossed_straight_leg_raise",
        "slump",
        "neuro_deficit",
        "repeated_movements_centralization",
    },
    "palpation": {
        "greater_trochanter_palpation",
        "sciatic_notch_palpation",
        "ischial_tuberosity_palpation",
        "iliac_crest_palpation",
        "gluteal_trigger_point_palpation",
    },
}


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return protocol_load_file(SHIPPED)


def preferred(protocol: Protocol, maneuver: str, condition: str):
    (entry,) = [a for a in protocol.maneuvers[maneuver].accuracy if a.condition == condition and a.preferred]
    return entry


def test_shipped_file_loads_as_buttock_pain_1_0_0(protocol):
    assert (protocol.code, protocol.version) == ("buttock-pain", "1.0.0")
    assert protocol.disclaimer.startswith("Working diagnosis for clinical decision support")
    assert "spectrum bias" in protocol.disclaimer


def test_steps_come_in_exam_order_and_hold_every_maneuver_once(protocol):
    assert [s.code for s in protocol.steps] == ["red_flags", "pain_map", *MANEUVER_STEPS]
    assert {s.code: set(s.maneuvers) for s in protocol.steps if s.maneuvers} == MANEUVER_STEPS
    placed = [code for step in protocol.steps for code in step.maneuvers]
    assert sorted(placed) == sorted(protocol.maneuvers)
    assert all(protocol.maneuvers[code].group == step.code for step in protocol.steps for code in step.maneuvers)


def test_only_neuro_deficit_and_centralisation_are_not_provocations(protocol):
    not_provocation = {code for code, m in protocol.maneuvers.items() if not m.provocation}
    assert not_provocation == {"neuro_deficit", "repeated_movements_centralization"}


def test_crossed_slr_is_recorded_against_the_symptomatic_leg(protocol):
    assert protocol.maneuvers["crossed_straight_leg_raise"].either_side is True
    assert [c for c, m in protocol.maneuvers.items() if m.either_side] == ["crossed_straight_leg_raise"]


def test_at_most_one_preferred_entry_per_maneuver_and_condition(protocol):
    for maneuver in protocol.maneuvers.values():
        flagged = [a.condition for a in maneuver.accuracy if a.preferred]
        assert len(flagged) == len(set(flagged)), maneuver.code


@pytest.mark.parametrize(
    ("maneuver", "condition", "lr_pos", "lr_neg"),
    [
        ("iliac_crest_palpation", "superior_cluneal_entrapment", 4.0, 0.4),
        ("gluteal_trigger_point_palpation", "myofascial_trigger_points", 4.0, 0.4),
        ("sciatic_notch_palpation", "piriformis_syndrome", 1.5, 0.8),
        ("freiberg_sign", "piriformis_syndrome", 1.3, 1.0),
        ("freiberg_sign", "obturator_gemelli_syndrome", 2.0, 0.8),
        ("active_piriformis", "obturator_gemelli_syndrome", 2.0, 0.6),
        ("ischial_tuberosity_palpation", "proximal_hamstring_tendinopathy", 1.5, 0.5),
        ("ischial_tuberosity_palpation", "ischiofemoral_impingement", 1.3, 1.0),
        ("ischial_tuberosity_palpation", "obturator_gemelli_syndrome", 1.5, 1.0),
        ("ifi_test", "ischiofemoral_impingement", 2.0, 0.6),
        ("greater_trochanter_palpation", "gluteal_tendinopathy", 1.3, 0.45),
        ("repeated_movements_centralization", "sij_pain", 0.5, 1.0),
    ],
)
def test_judgement_weights_are_preferred_and_labelled(protocol, maneuver, condition, lr_pos, lr_neg):
    entry = preferred(protocol, maneuver, condition)
    assert (entry.basis, entry.lr_pos, entry.lr_neg) == (Basis.JUDGEMENT, lr_pos, lr_neg)
    assert "judgement" in entry.note.lower()


def test_centralisation_argues_against_sij_without_targeting_it(protocol):
    assert "sij_pain" not in protocol.maneuvers["repeated_movements_centralization"].targets


@pytest.mark.parametrize(
    ("maneuver", "condition"),
    [("ifi_test", "ischiofemoral_impingement"), ("greater_trochanter_palpation", "gluteal_tendinopathy")],
)
def test_unconfirmed_published_figures_are_kept_but_not_used(protocol, maneuver, condition):
    (entry,) = [a for a in protocol.maneuvers[maneuver].accuracy if a.basis is Basis.PUBLISHED]
    assert entry.condition == condition
    assert (entry.confirmed, entry.preferred) == (False, False)


def test_pace_sign_carries_no_weight(protocol):
    (entry,) = protocol.maneuvers["pace_sign"].accuracy
    assert (entry.preferred, entry.lr_pos, entry.lr_neg) == (False, None, None)


def test_fair_keeps_fishman_preferred_with_its_caveat(protocol):
    entry = preferred(protocol, "fair", "piriformis_syndrome")
    assert (entry.source, entry.lr_pos) == ("fishman2002", 5.2)
    assert "do not transfer" in entry.note


def test_clusters_and_dependence_groups(protocol):
    laslett = protocol.clusters["laslett_sij"]
    assert (laslett.threshold, laslett.related, laslett.accuracy.lr_pos, laslett.accuracy.lr_neg) == (
        2,
        ("gaenslen",),
        4.0,
        0.15,
    )
    assert len(laslett.variants) == 5
    assert (protocol.clusters["martin_dgs"].threshold, protocol.clusters["martin_dgs"].accuracy.lr_pos) == (1, 4.57)
    for code in ("gomez_hoyos_ifi", "cacchio_hamstring", "grimaldi_gt"):
        assert (protocol.clusters[code].threshold, protocol.clusters[code].accuracy) == (None, None)
    groups = {g.code: (g.condition, set(g.members)) for g in protocol.dependence_groups}
    assert groups == {
        "slr_slump": ("lumbar_radiculopathy", {"straight_leg_raise", "slump"}),
        "lequesne_loading": ("gluteal_tendinopathy", {"single_leg_stance_30s", "resisted_external_derotation"}),
    }


def test_red_flag_conditions_carry_their_level(protocol):
    levels = {c.code: c.red_flag_level for c in protocol.conditions.values() if c.red_flag_level}
    assert levels == {"cauda_equina_syndrome": Level.EMERGENCY, "serious_pathology": Level.URGENT}


def test_thresholds(protocol):
    t = protocol.thresholds
    assert (t.working_min_probability, t.working_min_margin, t.working_min_exam_lr) == (0.25, 0.10, 2.0)
    assert (t.lr_min, t.lr_max) == (0.05, 20)
    assert (t.history_factor_min, t.history_factor_max, t.suggest_candidates, t.suggest_count) == (0.5, 2.5, 4, 3)


def test_every_feature_is_a_labelled_judgement_inside_the_history_bounds(protocol):
    t = protocol.thresholds
    assert all(f.basis is Basis.JUDGEMENT for f in protocol.features)
    assert all(t.history_factor_min <= f.factor <= t.history_factor_max for f in protocol.features)


def test_stored_mapping_builds_the_same_protocol_as_the_file(protocol):
    data, _ = yaml_read(SHIPPED)
    assert protocol_from_mapping(data, origin="stored row") == protocol
