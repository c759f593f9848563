"""Read the protocol's own vocabulary: sources, thresholds, steps, conditions and maneuvers with their accuracy."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from protocols.engine.types import Accuracy, Basis, Condition, Level, Maneuver, Source, Thresholds
from protocols.loader.fields import Fields, KeyPath

CODE = re.compile(r"^[a-z][a-z0-9_-]*$")
NON_MANEUVER_STEPS = ("red_flags", "pain_map")
ACCURACY_FIGURES = ("sensitivity", "specificity", "lr_pos", "lr_neg", "n", "reference_standard")
THRESHOLD_KINDS: dict[str, str] = {
    "working_min_probability": "prob",
    "working_min_margin": "prob",
    "working_min_exam_lr": "lr",
    "lr_min": "lr",
    "lr_max": "lr",
    "history_factor_min": "lr",
    "history_factor_max": "lr",
    "suggest_candidates": "count",
    "suggest_count": "count",
}
OPTIONAL_THRESHOLDS: dict[str, str] = {"working_min_families": "count"}  # 1.1.0: REFERENCE rule 10


@dataclass(frozen=True, slots=True)
class Refs:
    """The codes later sections may refer to."""

    conditions: Mapping[str, Condition]
    maneuvers: Mapping[str, Maneuver]
    sources: Mapping[str, Source]
    symptoms: tuple[str, ...] = ()
    age_items: Collection[str] = ()


def entries_read(f: Fields, value: Any, path: KeyPath, what: str) -> Iterable[tuple[str, Any, KeyPath]]:
    """Yield (code, item, path) for an ordered section: a list, since stored JSON (jsonb) keeps no key order."""
    return f.coded_items(value, path, CODE, what)


def sources_build(f: Fields, value: Any) -> dict[str, Source]:
    """Read the bibliography, a mapping by key; sorted so a stored copy reads back in the same order."""
    out = {}
    for key in sorted(f.mapping(value, ("sources",))):
        path: KeyPath = ("sources", key)
        if not CODE.match(key):
            f.fail(path, f"{key!r} is not a valid source key")
        m = f.mapping(value[key], path, required=("short", "citation"))
        out[key] = Source(
            key=key, short=f.text(m["short"], (*path, "short")), citation=f.text(m["citation"], (*path, "citation"))
        )
    return out


def thresholds_build(f: Fields, value: Any) -> Thresholds:
    m = f.mapping(value, ("thresholds",), required=tuple(THRESHOLD_KINDS), optional=tuple(OPTIONAL_THRESHOLDS))
    values: dict[str, Any] = {}
    for name, kind in {**THRESHOLD_KINDS, **OPTIONAL_THRESHOLDS}.items():
        if name not in m:
            continue
        path = ("thresholds", name)
        entry = f.mapping(m[name], path, required=("value", "why"))
        f.text(entry["why"], (*path, "why"))
        values[name] = (
            f.count(entry["value"], (*path, "value"))
            if kind == "count"
            else f.number(entry["value"], (*path, "value"), kind=kind)
        )
    for low, high in (("lr_min", "lr_max"), ("history_factor_min", "history_factor_max")):
        if not values[low] <= 1 <= values[high]:
            f.fail(("thresholds", low), f"{low} must be <= 1 <= {high}")
    return Thresholds(**values)


def step_titles_build(f: Fields, value: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for index, item in enumerate(f.sequence(value, ("steps",))):
        path = ("steps", index)
        m = f.mapping(item, path, required=("code", "title"))
        step = f.text(m["code"], (*path, "code"))
        if step in out:
            f.fail((*path, "code"), f"duplicate step {step!r}")
        out[step] = f.text(m["title"], (*path, "title"))
    return out


def conditions_build(
    f: Fields, value: Any, regions: tuple[str, ...], sources: Mapping[str, Source]
) -> dict[str, Condition]:
    out = {}
    for key, body, path in entries_read(f, value, ("conditions",), "condition"):
        m = f.mapping(
            body,
            path,
            required=("code", "label", "icd10", "prior", "regions", "referral"),
            optional=("red_flag_level", "defining_sign"),
        )
        prior = f.mapping(m["prior"], (*path, "prior"), required=("value", "basis", "note"), optional=("anchor",))
        level = m.get("red_flag_level")
        out[key] = Condition(
            code=key,
            label=f.text(m["label"], (*path, "label")),
            icd10=f.text(m["icd10"], (*path, "icd10"), nullable=True),
            prior=f.number(prior["value"], (*path, "prior", "value"), kind="open_prob"),
            prior_basis=f.choice(prior["basis"], (*path, "prior", "basis"), Basis),
            prior_source=_anchor_source(f, prior.get("anchor"), (*path, "prior", "anchor"), sources),
            prior_note=_prior_note(f, prior, (*path, "prior"), sources),
            regions=f.code_list(m["regions"], (*path, "regions"), known=regions, what="region"),
            referral=f.text(m["referral"], (*path, "referral")),
            red_flag_level=None if level is None else f.choice(level, (*path, "red_flag_level"), Level),
            defining_sign=f.text(m.get("defining_sign"), (*path, "defining_sign"), nullable=True),
        )
    return out


def _anchor_source(f: Fields, anchor: Any, path: KeyPath, sources: Mapping[str, Source]) -> str | None:
    if anchor is None:
        return None
    m = f.mapping(anchor, path, required=("value", "basis", "source", "population"))
    f.number(m["value"], (*path, "value"), kind="open_prob")
    f.choice(m["basis"], (*path, "basis"), Basis)
    f.text(m["population"], (*path, "population"))
    source: str | None = f.reference(m["source"], (*path, "source"), sources, "source")
    return source


def _prior_note(f: Fields, prior: Mapping[str, Any], path: KeyPath, sources: Mapping[str, Source]) -> str:
    """Spell the published anchor out in the note, so the clinician sees what the judgement rests on."""
    note: str = f.text(prior["note"], (*path, "note"))
    anchor = prior.get("anchor")
    if anchor is None:
        return note
    short: str = sources[anchor["source"]].short
    return f"Anchor: {anchor['value'] * 100:.3g} % in {anchor['population']} ({short}, {anchor['basis']}). {note}"


def accuracy_build(
    f: Fields,
    value: Any,
    path: KeyPath,
    sources: Mapping[str, Source],
    conditions: Collection[str],
    condition: str | None = None,
) -> Accuracy:
    """Read one estimate; a cluster passes its own `condition`, a maneuver entry names it."""
    keys = ("source", "basis", "note")
    m = f.mapping(
        value,
        path,
        required=keys if condition else ("condition", *keys),
        optional=(*ACCURACY_FIGURES, "preferred", "confirmed"),
    )
    basis = f.choice(m["basis"], (*path, "basis"), Basis)
    source = f.reference(m["source"], (*path, "source"), sources, "source", nullable=True)
    if source is None and basis is not Basis.JUDGEMENT:
        f.fail((*path, "source"), "only a judgement entry may have no source")
    n = m.get("n")
    return Accuracy(
        condition=condition or f.reference(m["condition"], (*path, "condition"), conditions, "condition"),
        source=source,
        basis=basis,
        sensitivity=f.number(m.get("sensitivity"), (*path, "sensitivity"), kind="prob", nullable=True),
        specificity=f.number(m.get("specificity"), (*path, "specificity"), kind="prob", nullable=True),
        lr_pos=f.number(m.get("lr_pos"), (*path, "lr_pos"), kind="lr", nullable=True),
        lr_neg=f.number(m.get("lr_neg"), (*path, "lr_neg"), kind="lr", nullable=True),
        n=None if n is None else f.count(n, (*path, "n")),
        reference_standard=f.text(m.get("reference_standard"), (*path, "reference_standard"), nullable=True),
        note=f.text(m["note"], (*path, "note")),
        preferred=f.flag(m.get("preferred", condition is not None), (*path, "preferred")),
        confirmed=f.flag(m.get("confirmed", True), (*path, "confirmed")),
    )


def maneuvers_build(
    f: Fields, value: Any, conditions: Mapping[str, Condition], sources: Mapping[str, Source], steps: Mapping[str, str]
) -> dict[str, Maneuver]:
    out = {}
    texts = ("name", "position", "action", "positive")
    for key, body, path in entries_read(f, value, ("maneuvers",), "maneuver"):
        m = f.mapping(
            body,
            path,
            required=("code", *texts, "group", "sided", "provocation", "targets", "accuracy"),
            optional=("either_side",),
        )
        group = f.text(m["group"], (*path, "group"))
        if group not in steps or group in NON_MANEUVER_STEPS:
            f.fail((*path, "group"), f"{key} is in no exam step: {group!r} is not a maneuver step of 'steps'")
        sided = f.flag(m["sided"], (*path, "sided"))
        either_side = f.flag(m.get("either_side", False), (*path, "either_side"))
        if either_side and not sided:
            f.fail((*path, "either_side"), "either_side needs a sided maneuver")
        targets = f.code_list(m["targets"], (*path, "targets"), known=conditions, what="condition")
        items = f.sequence(m["accuracy"], (*path, "accuracy"))
        accuracy = tuple(
            accuracy_build(f, item, (*path, "accuracy", i), sources, conditions) for i, item in enumerate(items)
        )
        _preferred_check(f, accuracy, (*path, "accuracy"), targets)
        out[key] = Maneuver(
            code=key,
            group=group,
            sided=sided,
            provocation=f.flag(m["provocation"], (*path, "provocation")),
            targets=targets,
            accuracy=accuracy,
            either_side=either_side,
            **{name: f.text(m[name], (*path, name)) for name in texts},
        )
    return out


def _preferred_check(f: Fields, entries: tuple[Accuracy, ...], path: KeyPath, targets: tuple[str, ...]) -> None:
    """Allow one estimate per condition in the arithmetic; outside `targets` it may only argue against."""
    preferred: set[str] = set()
    for index, entry in enumerate(entries):
        if not entry.preferred:
            continue
        if entry.condition in preferred:
            f.fail((*path, index, "preferred"), f"more than one preferred entry for {entry.condition!r}")
        preferred.add(entry.condition)
        if entry.condition not in targets and (entry.lr_pos is None or entry.lr_pos >= 1):
            f.fail(
                (*path, index, "lr_pos"),
                f"{entry.condition} is not a target, so its preferred entry must argue against it (lr_pos < 1)",
            )
