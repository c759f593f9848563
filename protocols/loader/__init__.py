"""Build a validated, frozen Protocol from versioned protocol data, naming file, key path and line of any fault.

Pure Python (no Django) so the engine's tests and benchmarks can load the shipped knowledge directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from protocols.engine.types import Condition, ExamStep, Maneuver, Protocol
from protocols.loader.combinations import (
    clusters_build,
    dependence_groups_build,
    features_build,
    red_flags_build,
)
from protocols.loader.fields import Fields, KeyPath, ProtocolError, key_path_format
from protocols.loader.knowledge import (
    CODE,
    NON_MANEUVER_STEPS,
    Refs,
    conditions_build,
    maneuvers_build,
    sources_build,
    step_titles_build,
    thresholds_build,
)
from protocols.loader.release import (
    age_items_build,
    families_build,
    labels_build,
    symptom_groups_build,
    unsafe_build,
)

__all__ = ["ProtocolError", "key_path_format", "protocol_from_mapping", "protocol_load_file", "yaml_read"]

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOP_KEYS = (
    *("code", "version", "title", "disclaimer", "thresholds", "regions", "symptoms", "steps", "conditions"),
    *("maneuvers", "clusters", "dependence_groups", "features", "red_flags", "sources"),
)
# Sections a release may add (1.1.0): words, history groups, age items, families and unsafe tests.
OPTIONAL_KEYS = ("labels", "symptom_groups", "age_items", "families", "unsafe_tests")


def protocol_load_file(path: str | Path) -> Protocol:
    """Read and validate one protocol file; errors carry the file name and the line of the fault."""
    data, lines = yaml_read(path)
    return protocol_from_mapping(data, origin=str(path), lines=lines)


def protocol_from_mapping(data: Any, *, origin: str, lines: Mapping[KeyPath, int] | None = None) -> Protocol:
    """Validate parsed protocol data (e.g. a stored definition); `lines` from yaml_read add file lines to errors."""
    return _build(Fields(origin=origin, lines=lines or {}), data)


def yaml_read(path: str | Path) -> tuple[Any, dict[KeyPath, int]]:
    """Parse a YAML file into plain data plus the line of every key path; reject duplicate keys."""
    origin = str(path)
    try:
        loader = _Loader(Path(path).read_text(encoding="utf-8"))
        try:
            # Compose once: the node tree gives each key's line, then becomes the plain data.
            root = loader.get_single_node()
            data = None if root is None else loader.construct_document(root)
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        raise ProtocolError(origin, (), f"cannot read the file ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ProtocolError(origin, (), f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from exc
    lines: dict[KeyPath, int] = {}
    if root is not None:
        _lines_collect(origin, root, (), lines)
    return data, lines


def _lines_collect(origin: str, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise ProtocolError(origin, (*path, key), "duplicate key", key_node.start_mark.line + 1)
            seen.add(key)
            _lines_collect(origin, value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines_collect(origin, item, (*path, index), lines)


def _build(f: Fields, data: Any) -> Protocol:
    top = f.mapping(data, (), required=TOP_KEYS, optional=OPTIONAL_KEYS)
    code = f.text(top["code"], ("code",))
    if not CODE.match(code):
        f.fail(("code",), f"{code!r} is not a lowercase code (letters, digits, '-' or '_')")
    version = f.text(top["version"], ("version",))
    if not SEMVER.match(version):
        f.fail(("version",), f"{version!r} is not a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0")
    sources = sources_build(f, top["sources"])
    regions = f.code_list(top["regions"], ("regions",), known=None, what="region")
    symptoms = f.code_list(top["symptoms"], ("symptoms",), known=None, what="symptom")
    thresholds = thresholds_build(f, top["thresholds"])
    step_titles = step_titles_build(f, top["steps"])
    conditions = conditions_build(f, top["conditions"], regions, sources)
    maneuvers = maneuvers_build(f, top["maneuvers"], conditions, sources, step_titles)
    steps = tuple(
        ExamStep(code=c, title=t, maneuvers=tuple(m.code for m in maneuvers.values() if m.group == c))
        for c, t in step_titles.items()
    )
    for index, step in enumerate(steps):
        if not step.maneuvers and step.code not in NON_MANEUVER_STEPS:
            f.fail(("steps", index, "code"), f"no maneuver names step {step.code!r} as its group")
    age_items = age_items_build(f, top.get("age_items", []), sources)
    refs = Refs(conditions=conditions, maneuvers=maneuvers, sources=sources, symptoms=symptoms, age_items=age_items)
    _defining_signs_check(f, conditions, maneuvers)
    red_flags = red_flags_build(f, top["red_flags"], refs)
    unsafe = unsafe_build(f, top.get("unsafe_tests", []), maneuvers, red_flags, sources)
    for rule in unsafe:
        for test in rule.maneuvers:
            marked = (
                *maneuvers[test].unsafe_under,
                *(c for c in rule.red_flags if c not in maneuvers[test].unsafe_under),
            )
            maneuvers[test] = replace(maneuvers[test], unsafe_under=marked)
    return Protocol(
        code=code,
        version=version,
        title=f.text(top["title"], ("title",)),
        disclaimer=f.text(top["disclaimer"], ("disclaimer",)),
        maneuvers=MappingProxyType(maneuvers),
        conditions=MappingProxyType(conditions),
        clusters=MappingProxyType(clusters_build(f, top["clusters"], refs)),
        dependence_groups=dependence_groups_build(f, top["dependence_groups"], refs),
        features=features_build(f, top["features"], refs, regions, symptoms, thresholds),
        red_flags=MappingProxyType(red_flags),
        regions=regions,
        symptoms=symptoms,
        steps=steps,
        thresholds=thresholds,
        sources=MappingProxyType(sources),
        labels=None if "labels" not in top else labels_build(f, top["labels"], regions, symptoms),
        symptom_groups=() if "symptom_groups" not in top else symptom_groups_build(f, top["symptom_groups"], symptoms),
        age_items=MappingProxyType(age_items),
        families=families_build(f, top.get("families", []), maneuvers, regions, conditions, sources),
        unsafe_tests=unsafe,
    )


def _defining_signs_check(f: Fields, conditions: dict[str, Condition], maneuvers: dict[str, Maneuver]) -> None:
    for index, (code, condition) in enumerate(conditions.items()):
        sign = condition.defining_sign
        if sign is not None and (sign not in maneuvers or code not in maneuvers[sign].targets):
            f.fail(("conditions", index, "defining_sign"), f"{sign!r} is no maneuver targeting {code}")
