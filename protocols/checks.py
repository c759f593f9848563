"""System checks: every shipped protocol file must load and speak exactly the project's code vocabulary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, register

from protocols import registry
from protocols.care import CareError, care_from_mapping
from protocols.engine.types import Protocol
from protocols.loader import ProtocolError, yaml_read

# The stable public codes (docs: clinical CODES.md). Add codes as a protocol grows; never rename or reuse one.
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "buttock-pain": {
        "maneuvers": (
            *("sij_distraction", "sij_thigh_thrust", "sij_compression", "sij_sacral_thrust", "gaenslen", "faber"),
            *("fair", "seated_piriformis_stretch", "active_piriformis", "pace_sign", "freiberg_sign"),
            *("long_stride_walking", "ifi_test", "puranen_orava", "bent_knee_stretch", "modified_bent_knee_stretch"),
            *("straight_leg_raise", "crossed_straight_leg_raise", "slump", "repeated_movements_centralization"),
            *("single_leg_stance_30s", "resisted_external_derotation", "greater_trochanter_palpation"),
            *("sciatic_notch_palpation", "ischial_tuberosity_palpation", "iliac_crest_palpation"),
            *("gluteal_trigger_point_palpation", "neuro_deficit"),
            *("hamstring_origin_gap_palpation", "resisted_knee_flexion", "edinburgh_claudication_questionnaire"),
            *("femoral_pulse_palpation", "iliofemoral_bruit", "ankle_brachial_index", "abdominal_aortic_palpation"),
            *("fadir", "hip_internal_rotation_range", "hip_scour", "active_hip_flexion_pain"),
            *("active_hip_extension_pain", "two_stage_treadmill", "romberg_test", "wide_based_gait"),
            "lumbar_extension_30s",
        ),
        "red_flags": (
            *("saddle_anaesthesia", "bladder_dysfunction", "bowel_dysfunction", "bilateral_leg_symptoms"),
            *("progressive_motor_weakness", "history_of_cancer", "unexplained_weight_loss"),
            *("fever_or_infection_risk", "significant_trauma", "night_pain_unrelenting"),
            *(
                "acute_hamstring_avulsion",
                "vascular_claudication",
                "pulsatile_abdominal_mass",
                "suspected_ruptured_aaa",
            ),
            *("sexual_dysfunction", "perianal_abscess", "dermatomal_prodrome_or_rash"),
        ),
        "regions": (
            *("lower_back", "upper_buttock", "deep_buttock", "sacral_dimple", "iliac_crest", "lateral_hip"),
            *("ischial_tuberosity", "posterior_thigh", "below_knee", "foot", "groin"),
            *("perineum", "coccyx", "anterior_thigh", "abdomen"),
        ),
        "symptoms": (
            *("burning_or_electric", "numbness_tingling", "worse_sitting", "worse_stairs_or_uphill"),
            *("worse_cough_sneeze", "worse_transitions", "worse_standing", "worse_lying_on_side"),
            *("worse_hip_flexion_driving", "recent_load_increase", "back_pocket_wallet"),
            *("sudden_pop_injury", "posterior_thigh_bruising", "worse_walking", "walking_pain_relieved_standing_still"),
            *("relieved_by_sitting_or_flexion", "leg_pain_worse_than_back", "bilateral_leg_symptoms_longstanding"),
            *("insidious_onset", "morning_stiffness_over_30min", "improves_with_exercise", "no_improvement_with_rest"),
            *("night_pain_improves_on_getting_up", "alternating_buttock_pain", "worse_squatting"),
            *("skin_hypersensitivity_band", "cyclical_with_menses", "perineal_pain", "diabetes"),
        ),
        "conditions": (
            *("cauda_equina_syndrome", "serious_pathology", "lumbar_radiculopathy", "sij_pain"),
            *("piriformis_syndrome", "obturator_gemelli_syndrome", "ischiofemoral_impingement"),
            *("proximal_hamstring_tendinopathy", "gluteal_tendinopathy", "myofascial_trigger_points"),
            "superior_cluneal_entrapment",
            *("proximal_hamstring_avulsion", "vascular_pathology", "inflammatory_spondyloarthritis"),
            *("hip_joint_pathology", "lumbar_spinal_stenosis", "pudendal_neuralgia", "coccydynia", "herpes_zoster"),
            "pelvic_visceral_source",
        ),
    },
}
# The release that introduced each section's later codes (CODES.md marks them "1.1.0"); a release must define
# exactly the codes introduced at or before its own version, so 1.0.0 keeps its original vocabulary.
INTRODUCED: dict[str, dict[str, dict[str, int]]] = {
    "buttock-pain": {"1.1.0": {"maneuvers": 28, "red_flags": 10, "regions": 11, "symptoms": 11, "conditions": 11}},
}


@register("protocols")
def protocol_files_check(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Load every shipped release the way `migrate` will, so a broken file fails `manage.py check` first."""
    messages: list[CheckMessage] = []
    for path in registry.shipped_paths():
        messages.extend(_file_check(path))
    return messages


def _file_check(path: Path) -> list[CheckMessage]:
    care = path.with_name(path.name.removesuffix(".yaml") + ".care.yaml")
    for candidate in (path, care) if care.exists() else (path,):
        try:
            yaml_read(candidate)
        except ProtocolError as exc:
            return [Error(str(exc), hint="Fix the YAML syntax of this file.", obj=str(candidate), id="protocols.E001")]
    try:
        release = registry.shipped_read(path)
    except ProtocolError as exc:
        return [Error(str(exc), hint="Fix the key named in the message.", obj=str(path), id="protocols.E002")]
    return [*_vocabulary_check(release.protocol, str(path)), *_care_check(release)]


def _care_check(release: registry.ShippedRelease) -> list[CheckMessage]:
    """Check the care file against its release's codes now, rather than when the first letter is printed.

    The care schema lives beside the release (protocols/care.py); the letters' own parts of the file
    (recipients, exercise guides) are checked by reports/checks.py.
    """
    if not release.care:
        return []
    p = release.protocol
    try:
        care_from_mapping(
            release.care,
            filename=str(release.path.with_name(f"{release.version}.care.yaml")),
            conditions=p.conditions,
            red_flags=p.red_flags,
            sources=p.sources,
            regions=p.regions,
            symptoms=p.symptoms,
        )
    except CareError as exc:
        return [Error(str(exc), hint="Fix the care file key named.", obj=str(release.path), id="protocols.E005")]
    return []


def vocabulary_for(code: str, version: str) -> dict[str, tuple[str, ...]]:
    """Return the vocabulary a release of `code` must speak: the codes introduced at or before `version`."""
    vocabulary = dict(VOCABULARY[code])
    for since, counts in sorted(INTRODUCED.get(code, {}).items(), key=lambda item: registry.semver_key(item[0])):
        if registry.semver_key(version) < registry.semver_key(since):
            vocabulary = {section: codes[: counts[section]] for section, codes in vocabulary.items()}
            break
    return vocabulary


def _vocabulary_check(protocol: Protocol, obj: str) -> Iterable[CheckMessage]:
    vocabulary = VOCABULARY.get(protocol.code)
    if vocabulary is None:
        yield Error(
            f"{obj}: protocol {protocol.code!r} has no code vocabulary.",
            hint="Add its codes to protocols.checks.VOCABULARY.",
            obj=obj,
            id="protocols.E006",
        )
        return
    vocabulary = vocabulary_for(protocol.code, protocol.version)
    used = {
        "maneuvers": tuple(protocol.maneuvers),
        "red_flags": tuple(protocol.red_flags),
        "regions": protocol.regions,
        "symptoms": protocol.symptoms,
        "conditions": tuple(protocol.conditions),
    }
    for section, codes in vocabulary.items():
        missing = [code for code in codes if code not in used[section]]
        unknown = [code for code in used[section] if code not in codes]
        if missing:
            yield Error(
                f"{obj}: {section} lacks vocabulary codes: {', '.join(missing)}.",
                hint="Every code of the vocabulary must be defined by the protocol.",
                obj=obj,
                id="protocols.E003",
            )
        if unknown:
            yield Error(
                f"{obj}: {section} uses codes outside the vocabulary: {', '.join(unknown)}.",
                hint="Add new codes to the vocabulary first; never rename or reuse a code.",
                obj=obj,
                id="protocols.E004",
            )
