import copy
from pathlib import Path

import pytest
import yaml

from protocols.care import CareError, care_from_mapping, care_load, recipient_default
from protocols.registry import DATA_DIR

CARE_PATH = DATA_DIR / "buttock-pain" / "1.0.0.care.yaml"
CONDITIONS = (
    "cauda_equina_syndrome",
    "serious_pathology",
    "lumbar_radiculopathy",
    "sij_pain",
    "piriformis_syndrome",
    "obturator_gemelli_syndrome",
    "ischiofemoral_impingement",
    "proximal_hamstring_tendinopathy",
    "gluteal_tendinopathy",
    "myofascial_trigger_points",
    "superior_cluneal_entrapment",
)
RED_FLAGS = (
    "saddle_anaesthesia",
    "bladder_dysfunction",
    "bowel_dysfunction",
    "bilateral_leg_symptoms",
    "progressive_motor_weakness",
    "history_of_cancer",
    "unexplained_weight_loss",
    "fever_or_infection_risk",
    "significant_trauma",
    "night_pain_unrelenting",
)
MECHANICAL = tuple(c for c in CONDITIONS if c not in ("cauda_equina_syndrome", "serious_pathology"))


@pytest.fixture
def raw():
    return yaml.safe_load(CARE_PATH.read_text(encoding="utf-8"))


def test_shipped_care_covers_every_condition_red_flag_and_source_of_the_protocol(protocol):
    care = care_load(
        CARE_PATH,
        conditions=protocol.conditions,
        red_flags=protocol.red_flags,
        sources=protocol.sources,
        regions=protocol.regions,
        symptoms=protocol.symptoms,
    )

    assert set(care.conditions) == set(CONDITIONS)
    assert set(care.patient_flag_words) == set(RED_FLAGS)
    assert {
        "gp",
        "sports_physician",
        "spine_surgeon",
        "hip_arthroscopy_surgeon",
        "pain_physician",
        "emergency_department",
    } <= set(care.referral_targets)


@pytest.mark.parametrize("condition", MECHANICAL)
def test_every_mechanical_condition_has_a_programme_of_at_least_four_weeks(raw, condition):
    care = care_from_mapping(raw)
    plan = care.conditions[condition]

    assert plan.review_weeks >= 4
    assert len(plan.programme.phases) >= 3
    assert all(
        exercise.dosage and exercise.frequency for phase in plan.programme.phases for exercise in phase.exercises
    )
    assert plan.requested_actions
    assert plan.escalation
    assert plan.do
    assert plan.avoid


def test_judgement_marks_survive_loading(raw):
    care = care_from_mapping(raw)
    piriformis = care.conditions["piriformis_syndrome"]

    assert piriformis.programme.judgement is True
    assert any(item.judgement for item in piriformis.do)
    assert care.conditions["sij_pain"].requested_actions[0].judgement is True
    assert care.conditions["sij_pain"].requested_actions[1].judgement is False


@pytest.mark.parametrize(
    ("flag_level", "condition", "expected"),
    [
        ("emergency", "sij_pain", "emergency_department"),
        ("urgent", "piriformis_syndrome", "gp"),
        (None, "piriformis_syndrome", "sports_physician"),
        (None, "sij_pain", "msk_interface"),
        (None, "superior_cluneal_entrapment", "pain_physician"),
        (None, None, "gp"),
    ],
)
def test_recipient_default_follows_red_flags_then_diagnosis(raw, flag_level, condition, expected):
    care = care_from_mapping(raw)

    assert recipient_default(care, urgent_level=flag_level, condition=condition) == expected


def _broken(raw, mutate):
    data = copy.deepcopy(raw)
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "path", "problem"),
    [
        (
            lambda d: d["conditions"]["sij_pain"].update(referral_target="oracle"),
            "conditions.sij_pain.referral_target",
            "unknown referral target",
        ),
        (
            lambda d: d["conditions"]["sij_pain"]["do"][0].update(sources=["nobody2099"]),
            "conditions.sij_pain.do[0].sources",
            "unknown source key",
        ),
        (
            lambda d: d["conditions"]["sij_pain"]["avoid"][0].update(sources=[], judgement=False),
            "conditions.sij_pain.avoid[0]",
            "needs a source key",
        ),
        (
            lambda d: d["conditions"]["piriformis_syndrome"]["programme"]["phases"][0]["exercises"][0].pop("dosage"),
            "conditions.piriformis_syndrome.programme.phases[0].exercises[0].dosage",
            "missing key",
        ),
        (lambda d: d["red_flags"].pop("saddle_anaesthesia"), "red_flags.saddle_anaesthesia", "missing key"),
        (lambda d: d["conditions"].pop("gluteal_tendinopathy"), "conditions.gluteal_tendinopathy", "missing key"),
        (lambda d: d["recipient_rules"].update(emergency="taxi"), "recipient_rules.emergency", "unknown referral"),
        (
            lambda d: d["conditions"]["sij_pain"].update(review_weeks=0),
            "conditions.sij_pain.review_weeks",
            "whole number",
        ),
    ],
)
def test_a_broken_care_file_names_the_file_and_the_key(raw, protocol, mutate, path, problem):
    with pytest.raises(CareError) as caught:
        care_from_mapping(
            _broken(raw, mutate),
            filename="1.0.0.care.yaml",
            conditions=protocol.conditions,
            red_flags=protocol.red_flags,
            sources=protocol.sources,
        )

    assert caught.value.filename == "1.0.0.care.yaml"
    assert caught.value.path == path
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"1.0.0.care.yaml: {path}:")


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path: Path):
    broken = tmp_path / "9.9.9.care.yaml"
    broken.write_text("conditions: [unclosed", encoding="utf-8")

    with pytest.raises(CareError, match=r"^9\.9\.9\.care\.yaml: <root>: not valid YAML"):
        care_load(broken)
