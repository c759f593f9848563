"""Read the sections that combine maneuvers and history: clusters, dependence groups, features, red flags."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from protocols.engine.types import (
    Accuracy,
    Basis,
    Cluster,
    ClusterVariant,
    DependenceGroup,
    Direction,
    Feature,
    Level,
    RedFlag,
    Thresholds,
)
from protocols.loader.fields import Fields, KeyPath
from protocols.loader.knowledge import Refs, accuracy_build, entries_read
from protocols.loader.release import flag_escalation_build, flag_implication_build, flag_requirement_build


def clusters_build(f: Fields, value: Any, refs: Refs) -> dict[str, Cluster]:
    out = {}
    for key, body, path in entries_read(f, value, ("clusters",), "cluster"):
        m = f.mapping(
            body,
            path,
            required=("code", "condition", "members", "threshold", "rule", "accuracy"),
            optional=("related", "variants", "scored", "requires"),
        )
        condition = f.reference(m["condition"], (*path, "condition"), refs.conditions, "condition")
        scored = f.flag(m.get("scored", True), (*path, "scored"))
        # A scored cluster counts maneuvers, history items and age items (REFERENCE rule 9); a shown-only one
        # (Konno, Altman, Nantes) and every variant may name items that are no codes of this protocol.
        vocabulary = (*refs.maneuvers, *refs.symptoms, *refs.age_items) if refs.age_items else tuple(refs.maneuvers)
        known = vocabulary if scored else None
        members, threshold, rule, accuracy = _combination_build(f, m, path, refs, condition, known=known)
        variants = []
        for index, item in enumerate(f.sequence(m.get("variants", []), (*path, "variants"))):
            vpath = (*path, "variants", index)
            v = f.mapping(item, vpath, required=("name", "members", "threshold", "rule", "accuracy"))
            v_members, v_threshold, v_rule, v_accuracy = _combination_build(
                f, v, vpath, refs, condition, preferred=False, known=None if refs.age_items else tuple(refs.maneuvers)
            )
            variants.append(
                ClusterVariant(f.text(v["name"], (*vpath, "name")), v_members, v_threshold, v_rule, v_accuracy)
            )
        related = f.code_list(m.get("related", []), (*path, "related"), known=refs.maneuvers, what="maneuver")
        out[key] = Cluster(
            code=key,
            condition=condition,
            members=members,
            threshold=threshold,
            rule=rule,
            accuracy=accuracy,
            related=related,
            variants=tuple(variants),
            scored=scored,
            requires=f.code_list(m.get("requires", []), (*path, "requires"), known=refs.age_items, what="age item"),
        )
    return out


def _combination_build(
    f: Fields,
    m: Mapping[str, Any],
    path: KeyPath,
    refs: Refs,
    condition: str,
    preferred: bool = True,
    known: Collection[str] | None = None,
) -> tuple[tuple[str, ...], int | None, str, Accuracy | None]:
    what = "maneuver, symptom or age item" if refs.age_items else "maneuver"
    members = f.code_list(m["members"], (*path, "members"), known=known, what=what)
    threshold = None if m["threshold"] is None else f.count(m["threshold"], (*path, "threshold"))
    if threshold is not None and threshold > len(members):
        f.fail((*path, "threshold"), f"threshold {threshold} exceeds the {len(members)} members")
    accuracy = None
    if m["accuracy"] is not None:
        accuracy = accuracy_build(f, m["accuracy"], (*path, "accuracy"), refs.sources, refs.conditions, condition)
        # A cluster's own estimate is the one the arithmetic uses; variants are shown only.
        accuracy = replace(accuracy, preferred=preferred)
    return members, threshold, f.text(m["rule"], (*path, "rule")), accuracy


def dependence_groups_build(f: Fields, value: Any, refs: Refs) -> tuple[DependenceGroup, ...]:
    out: list[DependenceGroup] = []
    for index, item in enumerate(f.sequence(value, ("dependence_groups",))):
        path = ("dependence_groups", index)
        m = f.mapping(item, path, required=("code", "condition", "members", "source", "note"))
        members = f.code_list(m["members"], (*path, "members"), known=refs.maneuvers, what="maneuver")
        if len(members) < 2:
            f.fail((*path, "members"), "a dependence group needs at least two maneuvers")
        out.append(
            DependenceGroup(
                code=f.text(m["code"], (*path, "code")),
                condition=f.reference(m["condition"], (*path, "condition"), refs.conditions, "condition"),
                members=members,
                source=f.reference(m["source"], (*path, "source"), refs.sources, "source", nullable=True),
                note=f.text(m["note"], (*path, "note")),
            )
        )
    return tuple(out)


def features_build(
    f: Fields, value: Any, refs: Refs, regions: tuple[str, ...], symptoms: tuple[str, ...], thresholds: Thresholds
) -> tuple[Feature, ...]:
    # "region_absent": the pain map was drawn but leaves out a condition's cardinal region.
    vocab: dict[str, tuple[str, ...]] = {
        "symptom": symptoms,
        "region": regions,
        "region_absent": regions,
        "age": tuple(refs.age_items),
    }
    out: list[Feature] = []
    seen: set[tuple[str, str, str]] = set()
    for index, item in enumerate(f.sequence(value, ("features",))):
        path = ("features", index)
        m = f.mapping(
            item,
            path,
            required=("kind", "code", "condition", "direction", "factor", "basis", "source", "note"),
            optional=("requires_red_flag",),
        )
        kind = f.text(m["kind"], (*path, "kind"))
        if kind not in vocab:
            f.fail((*path, "kind"), f"{kind!r} is not one of: {', '.join(vocab)}")
        direction = f.choice(m["direction"], (*path, "direction"), Direction)
        factor = f.number(m["factor"], (*path, "factor"), kind="lr")
        if (factor > 1) is not (direction is Direction.FOR) or factor == 1:
            f.fail((*path, "factor"), f"factor {factor} does not argue {direction.value} (for: > 1, against: < 1)")
        if not thresholds.history_factor_min <= factor <= thresholds.history_factor_max:
            f.fail((*path, "factor"), "factor lies outside thresholds.history_factor_min..history_factor_max")
        code = f.reference(m["code"], (*path, "code"), vocab[kind], kind)
        condition = f.reference(m["condition"], (*path, "condition"), refs.conditions, "condition")
        if (kind, code, condition) in seen:
            f.fail((*path, "code"), f"{kind} {code} is already weighted for {condition}")
        seen.add((kind, code, condition))
        out.append(
            Feature(
                kind=kind,
                code=code,
                condition=condition,
                direction=direction,
                factor=factor,
                basis=f.choice(m["basis"], (*path, "basis"), Basis),
                source=f.reference(m["source"], (*path, "source"), refs.sources, "source", nullable=True),
                note=f.text(m["note"], (*path, "note")),
                requires_red_flag=f.flag(m.get("requires_red_flag", False), (*path, "requires_red_flag")),
            )
        )
    return tuple(out)


def red_flags_build(f: Fields, value: Any, refs: Refs) -> dict[str, RedFlag]:
    out = {}
    raw_extras: dict[str, tuple[Any, Any, Any, KeyPath]] = {}
    texts: tuple[str, ...] = ("question", "lay_words", "referral")
    for key, body, path in entries_read(f, value, ("red_flags",), "red flag"):
        m = f.mapping(
            body,
            path,
            required=("code", "level", *texts, "suggests", "source", "evidence"),
            optional=("requires", "implied_by", "confirm_with", "escalate"),
        )
        evidence = f.mapping(m["evidence"], (*path, "evidence"), required=("source", "lr_pos", "note"))
        source = f.reference(evidence["source"], (*path, "evidence", "source"), refs.sources, "source", nullable=True)
        lr_pos = f.number(evidence["lr_pos"], (*path, "evidence", "lr_pos"), kind="lr", nullable=True)
        note = f.text(evidence["note"], (*path, "evidence", "note"))
        suggests = f.reference(m["suggests"], (*path, "suggests"), refs.conditions, "condition")
        out[key] = RedFlag(
            code=key,
            level=f.choice(m["level"], (*path, "level"), Level),
            suggests=suggests,
            accuracy=Accuracy(condition=suggests, source=source, lr_pos=lr_pos, note=note, preferred=True)
            if lr_pos is not None
            else None,
            source=f.reference(m["source"], (*path, "source"), refs.sources, "source"),
            confirm_with=f.code_list(
                m.get("confirm_with", []), (*path, "confirm_with"), known=refs.maneuvers, what="maneuver"
            ),
            **{name: f.text(m[name], (*path, name)) for name in texts},
        )
        raw_extras[key] = (m.get("requires"), m.get("implied_by"), m.get("escalate"), path)
    # Requirements may name flags defined further down the list, so they are read once every flag is known.
    items = (*refs.symptoms, *refs.maneuvers)
    for key, (requires, implied, escalate, path) in raw_extras.items():
        out[key] = replace(
            out[key],
            requires=None
            if requires is None
            else flag_requirement_build(f, requires, (*path, "requires"), refs.symptoms, out),
            implied_by=None
            if implied is None
            else flag_implication_build(f, implied, (*path, "implied_by"), items, refs.sources),
            escalate=None
            if escalate is None
            else flag_escalation_build(f, escalate, (*path, "escalate"), (out, refs.symptoms, refs.sources)),
        )
    return out
