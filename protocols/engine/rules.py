"""Release knowledge added in protocol 1.1.0: words, history groups, age items, families and red-flag rules.

Kept apart from types.py so the older vocabulary stays readable; every field is optional on a Protocol, so a
release without these sections (1.0.0) loads and assesses exactly as it always did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Label:
    """The words for one code: `label` in full, `short` for a chip or a body-chart spot."""

    label: str
    short: str


@dataclass(frozen=True, slots=True)
class Labels:
    """Words for the codes a screen, a letter or an API client shows, by kind (one source for words)."""

    regions: Mapping[str, Label]
    symptoms: Mapping[str, Label]
    sides: Mapping[str, Label]
    results: Mapping[str, Label]


@dataclass(frozen=True, slots=True)
class SymptomGroup:
    """History items shown together on the history screen."""

    code: str
    title: str
    symptoms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgeItem:
    """A history item computed from age and time since onset; every bound given must hold (age at onset = age -
    duration in years)."""

    code: str
    source: str | None
    why: str
    age_over: int | None = None
    age_under: int | None = None
    onset_under: int | None = None
    duration_at_least: int | None = None  # weeks
    duration_under: int | None = None  # weeks


@dataclass(frozen=True, slots=True)
class Family:
    """Maneuvers loading the same structure or position: for naming, their positives count as one (rules 10-11).

    `site_targets` maps a pain region to the conditions a positive member may support when only that region of
    the mapping is marked (groin: hip joint, deep buttock: deep gluteal space).
    """

    code: str
    members: tuple[str, ...]
    source: str | None
    why: str
    site_targets: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class UnsafeRule:
    """Maneuvers not to perform while any of `red_flags` is present (REFERENCE rule 12)."""

    code: str
    red_flags: tuple[str, ...]
    maneuvers: tuple[str, ...]
    source: str | None
    why: str


@dataclass(frozen=True, slots=True)
class FlagRequirement:
    """When a recorded flag counts: only with another flag, or only without a symptom unless other flags join."""

    why: str
    another_flag: bool = False
    absent_symptoms: tuple[str, ...] = ()
    unless_flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlagEscalation:
    """When a flag's own referral words name a graver route: with any of these flags or history items it leads at
    `level` (a perianal abscess with diabetes or fever: emergency, sahnan2017)."""

    level: str
    with_flags: tuple[str, ...]
    with_symptoms: tuple[str, ...]
    source: str | None
    why: str


@dataclass(frozen=True, slots=True)
class FlagImplication:
    """Recorded findings that raise a flag even when its question was not ticked: all of `all`, and one of `any`
    when `any` is not empty (symptom codes or maneuvers positive on the affected side)."""

    all: tuple[str, ...]
    any: tuple[str, ...]
    sources: tuple[str, ...]
    why: str
    judgement: bool = True


@dataclass(frozen=True, slots=True)
class UnsafeMark:
    """In an assessment: a maneuver not to perform now, the present flags that forbid it, and why."""

    maneuver: str
    red_flags: tuple[str, ...]
    why: str
    suspected: bool = False  # True: only suspected flags forbid it (half their picture recorded; rule 12)
