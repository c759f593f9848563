from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from protocols.loader import ProtocolError, protocol_from_mapping, protocol_load_file, yaml_read
from tests.protocols.releases import LEGACY as SHIPPED  # 1.0.0: the errors are version-independent
from tests.protocols.releases import item


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return yaml_read(SHIPPED)[0]


def edited(data: dict[str, Any], path: tuple, value: Any = ..., *, delete: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        # Ordered sections are lists of coded entries: address those entries by code.
        node = item(node, key) if isinstance(node, list) and isinstance(key, str) else node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def load_error(tmp_path: Path, data: dict[str, Any]) -> tuple[ProtocolError, list[str]]:
    path = tmp_path / "1.0.0.yaml"
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=200)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        protocol_load_file(path)
    return caught.value, text.splitlines()


# (edit, key path in the message, problem in the message, text expected on the reported line)
CASES = {
    "unknown key": (("maneuvers", "fair", "colour"), "red", "maneuvers.fair.colour", "unknown key", "colour:"),
    "missing key": (("maneuvers", "fair", "positive"), None, "maneuvers.fair.positive", "missing key", "code: fair"),
    "wrong type": (("maneuvers", "fair", "sided"), "yes", "maneuvers.fair.sided", "expected true or false", "sided"),
    "probability above 1": (
        ("maneuvers", "fair", "accuracy", 0, "sensitivity"),
        1.2,
        "maneuvers.fair.accuracy[0].sensitivity",
        "must lie in [0, 1]",
        "sensitivity: 1.2",
    ),
    "likelihood ratio of 0": (
        ("maneuvers", "fair", "accuracy", 0, "lr_pos"),
        0,
        "maneuvers.fair.accuracy[0].lr_pos",
        "greater than 0",
        "lr_pos: 0",
    ),
    "unknown target": (
        ("maneuvers", "fair", "targets", 0),
        "piriformis",
        "maneuvers.fair.targets[0]",
        "unknown condition 'piriformis'",
        "- piriformis",
    ),
    "unknown cluster member": (
        ("clusters", "martin_dgs", "members", 0),
        "active_piriformis_test",
        "clusters.martin_dgs.members[0]",
        "unknown maneuver",
        "active_piriformis_test",
    ),
    "unknown feature code": (
        ("features", 0, "code"),
        "worse_jogging",
        "features[0].code",
        "unknown symptom",
        "worse_jogging",
    ),
    "unknown source": (
        ("maneuvers", "fair", "accuracy", 0, "source"),
        "fishman2003",
        "maneuvers.fair.accuracy[0].source",
        "unknown source 'fishman2003'",
        "fishman2003",
    ),
    "maneuver in no step": (
        ("maneuvers", "fair", "group"),
        "deep_gluteus",
        "maneuvers.fair.group",
        "fair is in no exam step",
        "deep_gluteus",
    ),
    "two preferred entries": (
        ("maneuvers", "sij_thigh_thrust", "accuracy", 1, "preferred"),
        True,
        "maneuvers.sij_thigh_thrust.accuracy[1].preferred",
        "more than one preferred",
        "preferred: true",
    ),
    "bad semver": (("version",), "1.0", "version", "not a semantic version", "version: '1.0'"),
    "unknown red-flag condition": (
        ("red_flags", "saddle_anaesthesia", "suggests"),
        "cauda_equina",
        "red_flags.saddle_anaesthesia.suggests",
        "unknown condition",
        "cauda_equina",
    ),
    "feature against with factor above 1": (
        ("features", 19, "factor"),
        1.3,
        "features[19].factor",
        "does not argue against",
        "factor: 1.3",
    ),
    "published entry without a source": (
        ("maneuvers", "fair", "accuracy", 0, "source"),
        "",
        "maneuvers.fair.accuracy[0].source",
        "unknown source ''",
        "source: ''",
    ),
    "non-target entry arguing for": (
        ("maneuvers", "repeated_movements_centralization", "accuracy", 4, "lr_pos"),
        1.5,
        "maneuvers.repeated_movements_centralization.accuracy[4].lr_pos",
        "sij_pain is not a target",
        "lr_pos: 1.5",
    ),
}


@pytest.mark.parametrize(("edit", "value", "key_path", "problem", "on_line"), CASES.values(), ids=CASES.keys())
def test_error_names_file_key_path_line_and_problem(tmp_path, shipped, edit, value, key_path, problem, on_line):
    error, lines = load_error(tmp_path, edited(shipped, edit, value, delete=value is None))
    message = str(error)
    assert message.startswith(f"{tmp_path / '1.0.0.yaml'}, line {error.line}: {key_path}: ")
    assert problem in message
    assert on_line in lines[error.line - 1]


def test_feature_case_indexes_an_against_feature(shipped):
    assert shipped["features"][19]["direction"] == "against"


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "1.0.0.yaml"
    path.write_text("code: buttock-pain\nversion: [1.0.0\ntitle: x\n", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"1\.0\.0\.yaml, line \d+: \(top level\): invalid YAML"):
        protocol_load_file(path)


def test_duplicate_key_is_refused_with_its_line(tmp_path):
    path = tmp_path / "1.0.0.yaml"
    path.write_text("code: buttock-pain\nversion: 1.0.0\ncode: other\n", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"line 3: code: duplicate key"):
        protocol_load_file(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ProtocolError, match="cannot read the file"):
        protocol_load_file(tmp_path / "9.9.9.yaml")


def test_mapping_errors_name_the_origin_without_a_line(shipped):
    with pytest.raises(ProtocolError) as caught:
        protocol_from_mapping(edited(shipped, ("thresholds", "lr_max", "value"), -20), origin="ProtocolVersion 7")
    assert str(caught.value) == (
        "ProtocolVersion 7: thresholds.lr_max.value: a likelihood ratio or factor must be greater than 0, got -20"
    )
    assert caught.value.line is None


def test_null_source_is_only_for_judgement(tmp_path, shipped):
    error, lines = load_error(tmp_path, edited(shipped, ("maneuvers", "fair", "accuracy", 0, "source"), None))
    assert "maneuvers.fair.accuracy[0].source: only a judgement entry may have no source" in str(error)
    assert "source: null" in lines[error.line - 1]


def test_feature_weighted_twice_is_refused(tmp_path, shipped):
    error, lines = load_error(tmp_path, edited(shipped, ("features", 1), shipped["features"][0]))
    assert "features[1].code: symptom worse_transitions is already weighted for sij_pain" in str(error)
    assert "worse_transitions" in lines[error.line - 1]


def test_step_without_maneuvers_is_refused(tmp_path, shipped):
    data = copy.deepcopy(shipped)
    data["steps"].append({"code": "hip_joint", "title": "Hip joint"})
    error, lines = load_error(tmp_path, data)
    assert "steps[9].code: no maneuver names step 'hip_joint' as its group" in str(error)
    assert "hip_joint" in lines[error.line - 1]
