"""The letter and plan parts of a care file that the reports add to a release: recipients and exercises.

Pure Python (no Django), read from the same parsed care mapping as protocols/care.py, so one file holds each
release's care content. Both sections are optional: the frozen 1.0.0 release has neither, and the reports fall
back to what it does hold (reports/requests.py, reports/plan.py). Shape, from 1.1.0 on:

recipients:                       # per referral target code of `referral_targets`
  gp:
    role: What this recipient can do, in a clause ("review in primary care, prescribe and refer on")
    asks: [{text, sources | judgement}]          # what any letter to this recipient asks
    conditions: {<condition>: [{text, ...}]}     # optional: what to ask for this working diagnosis instead
exercises:                        # library of the exercises the programme phases prescribe (all of them)
  bridge:
    name: Bridge
    names: [Bridge, "Bridge, progressing to single-leg bridge"]   # programme entries this guide explains
    steps: [Lie on your back ..., Squeeze your buttocks ..., ...]
    feel: What it should feel like
    progress: When to make it harder
    stop: When to stop and ask
    sources: [key] | judgement: true
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from protocols.care import (
    CareItem,
    _Reader,  # noqa: PLC2701 - one reader for the whole care file, shared on purpose
)


@dataclass(frozen=True, slots=True)
class RecipientCare:
    code: str
    role: str
    asks: tuple[CareItem, ...]
    by_condition: Mapping[str, tuple[CareItem, ...]]


@dataclass(frozen=True, slots=True)
class ExerciseGuide:
    code: str
    name: str
    steps: tuple[str, ...]
    feel: str
    progress: str
    stop: str
    sources: tuple[str, ...]
    judgement: bool


@dataclass(frozen=True, slots=True)
class LetterCare:
    recipients: Mapping[str, RecipientCare]
    exercises: Mapping[str, ExerciseGuide]
    phase_exercises: Mapping[tuple[str, int, int], str]  # (condition, phase index, exercise index) -> code


class _Read(_Reader):
    """The care file's own reader (protocols/care.py), with the release's source keys at hand."""

    def __init__(self, filename: str, sources: Collection[str] | None) -> None:
        super().__init__(filename)
        self.known = sources

    def attribution(self, raw: Mapping[str, Any], path: str) -> tuple[tuple[str, ...], bool]:
        keys, judgement = self.sources(raw, path, self.known), self.judgement(raw, path)
        if not keys and not judgement:
            raise self.fail(path, "needs a source key or `judgement: true`")
        return keys, judgement


def _recipient(r: _Read, code: str, raw: Any, conditions: Collection[str] | None) -> RecipientCare:
    path = f"recipients.{code}"
    raw = r.mapping(raw, path)
    by_condition = {}
    for condition in r.mapping(raw.get("conditions", {}), f"{path}.conditions"):
        if conditions is not None and condition not in conditions:
            raise r.fail(f"{path}.conditions.{condition}", "unknown condition")
        by_condition[condition] = r.care_items(raw["conditions"], condition, f"{path}.conditions", r.known)
    return RecipientCare(code, r.text(raw, "role", path), r.care_items(raw, "asks", path, r.known), by_condition)


def _exercise(r: _Read, code: str, raw: Any) -> ExerciseGuide:
    path = f"exercises.{code}"
    raw = r.mapping(raw, path)
    steps = raw.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, str) and s.strip() for s in steps):
        raise r.fail(f"{path}.steps", "expected a non-empty list of steps")
    keys, judgement = r.attribution(raw, path)
    texts = {key: r.text(raw, key, path) for key in ("name", "feel", "progress", "stop")}
    return ExerciseGuide(
        code, steps=tuple(" ".join(s.split()) for s in steps), sources=keys, judgement=judgement, **texts
    )


def _names(r: _Read, raw: Mapping[str, Any]) -> dict[str, str]:
    """Map each programme exercise name to the library entry that explains it (one entry per name)."""
    by_name: dict[str, str] = {}
    for code, entry in r.mapping(raw.get("exercises", {}), "exercises").items():
        names = entry.get("names", []) if isinstance(entry, Mapping) else []
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise r.fail(f"exercises.{code}.names", "expected a list of programme exercise names")
        for name in names:
            key = " ".join(name.split())
            if key in by_name:
                raise r.fail(f"exercises.{code}.names", f"{name!r} is already explained by {by_name[key]!r}")
            by_name[key] = code
    return by_name


def _phase_links(
    r: _Read, raw: Mapping[str, Any], library: Mapping[str, ExerciseGuide]
) -> dict[tuple[str, int, int], str]:
    """Link each programme exercise to its guide: an explicit `exercise:` code, else its name in `names`.

    A release without a library (1.0.0) prints names and doses only; one with a library must explain every
    exercise, so no patient gets a plan with an exercise they were never shown how to do.
    """
    if "exercises" not in raw:
        return {}
    by_name = _names(r, raw)
    links: dict[tuple[str, int, int], str] = {}
    for condition, entry in r.mapping(raw.get("conditions", {}), "conditions").items():
        phases = (entry.get("programme") or {}).get("phases") or [] if isinstance(entry, Mapping) else []
        for i, phase in enumerate(phases):
            for j, exercise in enumerate((phase or {}).get("exercises") or []):
                if not isinstance(exercise, Mapping):
                    continue
                code = exercise.get("exercise") or by_name.get(" ".join(str(exercise.get("name", "")).split()))
                where = f"conditions.{condition}.programme.phases[{i}].exercises[{j}]"
                if code is None:
                    raise r.fail(where, f"no guide explains {exercise.get('name')!r}: add it to an exercise's `names`")
                if code not in library:
                    raise r.fail(f"{where}.exercise", f"unknown exercise {code!r}: add it under `exercises`")
                links[(condition, i, j)] = code
    return links


def letter_care_from_mapping(
    data: Any,
    *,
    filename: str = "care",
    targets: Collection[str] | None = None,
    conditions: Collection[str] | None = None,
    sources: Collection[str] | None = None,
) -> LetterCare:
    """Read the optional `recipients` and `exercises` sections; raise CareError naming the file and key."""
    r = _Read(filename, sources)
    raw = r.mapping(data, "")
    recipients = {}
    for code, entry in r.mapping(raw.get("recipients", {}), "recipients").items():
        if targets is not None and code not in targets:
            raise r.fail(f"recipients.{code}", "not a referral target of this release")
        recipients[code] = _recipient(r, code, entry, conditions)
    missing = [code for code in targets or () if code not in recipients]
    if recipients and missing:  # a release that has the section covers every recipient it can address
        raise r.fail(f"recipients.{missing[0]}", "missing key: every referral target needs what its letter asks")
    library = {
        code: _exercise(r, code, entry) for code, entry in r.mapping(raw.get("exercises", {}), "exercises").items()
    }
    return LetterCare(
        MappingProxyType(recipients), MappingProxyType(library), MappingProxyType(_phase_links(r, raw, library))
    )
