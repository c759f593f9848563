"""Read the release sections added in 1.1.0: labels, symptom groups, age items, families, unsafe tests and the
red-flag rules. Each is optional, so a 1.0.0 file (which has none of them) still loads unchanged."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any

from protocols.engine.rules import (
    AgeItem,
    Family,
    FlagEscalation,
    FlagImplication,
    FlagRequirement,
    Label,
    Labels,
    SymptomGroup,
    UnsafeRule,
)
from protocols.engine.types import Maneuver, Source
from protocols.loader.fields import Fields, KeyPath
from protocols.loader.knowledge import CODE, entries_read

LABEL_KINDS = ("regions", "symptoms", "sides", "results")
AGE_BOUNDS = ("age_over", "age_under", "onset_under", "duration_at_least", "duration_under")
SIDES = ("left", "right")
RESULTS = ("positive", "negative", "equivocal", "not_tested")


def labels_build(f: Fields, value: Any, regions: tuple[str, ...], symptoms: tuple[str, ...]) -> Labels:
    """Read the words for every region, symptom, side and result; each code needs a label and a short name."""
    m = f.mapping(value, ("labels",), required=LABEL_KINDS)
    expected: dict[str, Collection[str]] = {
        "regions": regions,
        "symptoms": symptoms,
        "sides": SIDES,
        "results": RESULTS,
    }
    out: dict[str, Mapping[str, Label]] = {}
    for kind in LABEL_KINDS:
        path: KeyPath = ("labels", kind)
        section = f.mapping(m[kind], path, required=tuple(expected[kind]))
        words = {}
        for code in expected[kind]:
            entry = f.mapping(section[code], (*path, code), required=("label", "short"))
            words[code] = Label(
                f.text(entry["label"], (*path, code, "label")), f.text(entry["short"], (*path, code, "short"))
            )
        out[kind] = MappingProxyType(words)
    return Labels(**out)


def symptom_groups_build(f: Fields, value: Any, symptoms: tuple[str, ...]) -> tuple[SymptomGroup, ...]:
    """Read the history groups; every symptom must sit in exactly one group."""
    groups = []
    placed: set[str] = set()
    for code, body, path in entries_read(f, value, ("symptom_groups",), "symptom group"):
        m = f.mapping(body, path, required=("code", "title", "symptoms"))
        members = f.code_list(m["symptoms"], (*path, "symptoms"), known=symptoms, what="symptom")
        for index, symptom in enumerate(members):
            if symptom in placed:
                f.fail((*path, "symptoms", index), f"symptom {symptom!r} is already in another group")
            placed.add(symptom)
        groups.append(SymptomGroup(code, f.text(m["title"], (*path, "title")), members))
    missing = [s for s in symptoms if s not in placed]
    if missing:
        f.fail(("symptom_groups",), f"symptoms in no group: {', '.join(missing)}")
    return tuple(groups)


def age_items_build(f: Fields, value: Any, sources: Mapping[str, Source]) -> dict[str, AgeItem]:
    out = {}
    for code, body, path in entries_read(f, value, ("age_items",), "age item"):
        m = f.mapping(body, path, required=("code", "source", "why"), optional=AGE_BOUNDS)
        bounds = {key: f.count(m[key], (*path, key)) for key in AGE_BOUNDS if key in m}
        if not bounds:
            f.fail(path, f"age item {code} needs at least one of: {', '.join(AGE_BOUNDS)}")
        out[code] = AgeItem(
            code=code,
            source=f.reference(m["source"], (*path, "source"), sources, "source", nullable=True),
            why=f.text(m["why"], (*path, "why")),
            **bounds,
        )
    return out


def families_build(
    f: Fields,
    value: Any,
    maneuvers: Mapping[str, Maneuver],
    regions: tuple[str, ...],
    conditions: Collection[str],
    sources: Mapping[str, Source],
) -> tuple[Family, ...]:
    out = []
    seen: set[str] = set()
    for code, body, path in entries_read(f, value, ("families",), "family"):
        m = f.mapping(body, path, required=("code", "members", "source", "why"), optional=("site_targets",))
        members = f.code_list(m["members"], (*path, "members"), known=maneuvers, what="maneuver")
        for index, member in enumerate(members):
            if member in seen:
                f.fail((*path, "members", index), f"maneuver {member!r} is already in another family")
            seen.add(member)
        sites = {}
        for region, targets in f.mapping(m.get("site_targets", {}), (*path, "site_targets")).items():
            f.reference(region, (*path, "site_targets", region), regions, "region")
            sites[region] = f.code_list(targets, (*path, "site_targets", region), known=conditions, what="condition")
        out.append(
            Family(
                code=code,
                members=members,
                source=f.reference(m["source"], (*path, "source"), sources, "source", nullable=True),
                why=f.text(m["why"], (*path, "why")),
                site_targets=MappingProxyType(sites),
            )
        )
    return tuple(out)


def unsafe_build(
    f: Fields, value: Any, maneuvers: Mapping[str, Maneuver], flags: Collection[str], sources: Mapping[str, Source]
) -> tuple[UnsafeRule, ...]:
    """Read which tests are unsafe under which flags: a list, every provocation, or every maneuver."""
    out = []
    for code, body, path in entries_read(f, value, ("unsafe_tests",), "unsafe-test rule"):
        m = f.mapping(
            body,
            path,
            required=("code", "red_flags", "source", "why"),
            optional=("maneuvers", "provocations", "all_maneuvers"),
        )
        chosen = [k for k in ("maneuvers", "provocations", "all_maneuvers") if k in m]
        if len(chosen) != 1:
            f.fail(path, "give exactly one of: maneuvers, provocations: true, all_maneuvers: true")
        if chosen[0] == "maneuvers":
            listed = f.code_list(m["maneuvers"], (*path, "maneuvers"), known=maneuvers, what="maneuver")
        else:
            if not f.flag(m[chosen[0]], (*path, chosen[0])):
                f.fail((*path, chosen[0]), "must be true when given")
            listed = tuple(c for c, man in maneuvers.items() if chosen[0] == "all_maneuvers" or man.provocation)
        out.append(
            UnsafeRule(
                code=code,
                red_flags=f.code_list(m["red_flags"], (*path, "red_flags"), known=flags, what="red flag"),
                maneuvers=listed,
                source=f.reference(m["source"], (*path, "source"), sources, "source", nullable=True),
                why=f.text(m["why"], (*path, "why")),
            )
        )
    return tuple(out)


def flag_requirement_build(
    f: Fields, value: Any, path: KeyPath, symptoms: Collection[str], flags: Collection[str]
) -> FlagRequirement:
    m = f.mapping(value, path, required=("why",), optional=("another_flag", "absent_symptoms", "unless_flags"))
    return FlagRequirement(
        why=f.text(m["why"], (*path, "why")),
        another_flag=f.flag(m.get("another_flag", False), (*path, "another_flag")),
        absent_symptoms=f.code_list(
            m.get("absent_symptoms", []), (*path, "absent_symptoms"), known=symptoms, what="symptom"
        ),
        unless_flags=f.code_list(m.get("unless_flags", []), (*path, "unless_flags"), known=flags, what="red flag"),
    )


def flag_escalation_build(
    f: Fields, value: Any, path: KeyPath, refs: tuple[Collection[str], Collection[str], Mapping[str, Source]]
) -> FlagEscalation:
    """Read a flag's graver level with company; `refs` are the known (flags, symptoms, sources)."""
    flags, symptoms, sources = refs
    m = f.mapping(value, path, required=("level", "source", "why"), optional=("with_flags", "with_symptoms"))
    level = f.text(m["level"], (*path, "level"))
    if level not in ("emergency", "urgent"):
        f.fail((*path, "level"), f"{level!r} is not one of: emergency, urgent")
    with_flags = f.code_list(m.get("with_flags", []), (*path, "with_flags"), known=flags, what="red flag")
    with_symptoms = f.code_list(m.get("with_symptoms", []), (*path, "with_symptoms"), known=symptoms, what="symptom")
    if not with_flags and not with_symptoms:
        f.fail(path, "an escalation needs at least one flag or symptom that brings it on")
    return FlagEscalation(
        level=level,
        with_flags=with_flags,
        with_symptoms=with_symptoms,
        source=f.reference(m["source"], (*path, "source"), sources, "source", nullable=True),
        why=f.text(m["why"], (*path, "why")),
    )


def flag_implication_build(
    f: Fields, value: Any, path: KeyPath, items: Collection[str], sources: Mapping[str, Source]
) -> FlagImplication:
    m = f.mapping(value, path, required=("all", "any", "basis", "sources", "why"))
    all_items = f.code_list(m["all"], (*path, "all"), known=items, what="symptom or maneuver")
    if not all_items:
        f.fail((*path, "all"), "an implication needs at least one finding that must be present")
    basis = f.text(m["basis"], (*path, "basis"))
    if basis not in ("published", "judgement"):
        f.fail((*path, "basis"), f"{basis!r} is not one of: published, judgement")
    return FlagImplication(
        all=all_items,
        any=f.code_list(m["any"], (*path, "any"), known=items, what="symptom or maneuver"),
        sources=f.code_list(m["sources"], (*path, "sources"), known=sources, what="source"),
        why=f.text(m["why"], (*path, "why")),
        judgement=basis == "judgement",
    )


def code_check(f: Fields, value: str, path: KeyPath, what: str) -> str:
    if not CODE.match(value):
        f.fail(path, f"{value!r} is not a valid {what} code")
    return value
