"""Engine vocabulary: protocol knowledge, exam input and the assessment, as frozen dataclasses.

The engine is pure Python so it can be audited, benchmarked and reused outside Django; every type here is
immutable so an assessment can never be altered after it is computed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .rules import (
    AgeItem,
    Family,
    FlagEscalation,
    FlagImplication,
    FlagRequirement,
    Labels,
    SymptomGroup,
    UnsafeMark,
    UnsafeRule,
)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Result(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    EQUIVOCAL = "equivocal"
    NOT_TESTED = "not_tested"


class Level(StrEnum):
    """Red-flag urgency; EMERGENCY outranks URGENT."""

    EMERGENCY = "emergency"
    URGENT = "urgent"


class Basis(StrEnum):
    """Where a figure comes from: a study, or the protocol authors' labelled judgement."""

    PUBLISHED = "published"
    JUDGEMENT = "judgement"


class Direction(StrEnum):
    FOR = "for"
    AGAINST = "against"


# --- Protocol knowledge -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    key: str  # e.g. "laslett2005"
    short: str  # e.g. "Laslett 2005"
    citation: str


@dataclass(frozen=True, slots=True)
class Accuracy:
    """One estimate of how a maneuver (or cluster) performs for one condition."""

    condition: str
    source: str | None  # Source.key; None only for judgement weights with no study behind them
    basis: Basis = Basis.PUBLISHED
    sensitivity: float | None = None
    specificity: float | None = None
    lr_pos: float | None = None
    lr_neg: float | None = None
    n: int | None = None
    reference_standard: str | None = None
    note: str = ""
    preferred: bool = False  # the single estimate the arithmetic uses (REFERENCE.md, rule 3)
    confirmed: bool = True  # False where the evidence says "not confirmed in a retrieved source"


@dataclass(frozen=True, slots=True)
class Maneuver:
    code: str
    name: str
    group: str  # exam step code, e.g. "sij_provocation"
    sided: bool
    provocation: bool  # positive only with familiar pain
    position: str
    action: str
    positive: str
    targets: tuple[str, ...]
    accuracy: tuple[Accuracy, ...]
    either_side: bool = False  # result refers to the symptomatic leg whichever leg is moved (crossed SLR)
    unsafe_under: tuple[str, ...] = ()  # red flags under which this test must not be done (1.1.0, rule 12)


@dataclass(frozen=True, slots=True)
class ClusterVariant:
    name: str
    members: tuple[str, ...]
    threshold: int | None
    rule: str
    accuracy: Accuracy | None


@dataclass(frozen=True, slots=True)
class Cluster:
    """A validated combination of correlated maneuvers, scored once instead of multiplying its members."""

    code: str
    condition: str
    members: tuple[str, ...]
    threshold: int | None  # None: no published combining rule
    rule: str
    accuracy: Accuracy | None  # None: no published combined accuracy
    related: tuple[str, ...] = ()  # correlated maneuvers absorbed by the cluster once it is decided
    variants: tuple[ClusterVariant, ...] = ()
    scored: bool = True  # False: shown as evidence only (members are no codes, or unconfirmed)
    requires: tuple[str, ...] = ()  # age items that must hold for the cluster to apply (ASAS: chronic pain)


@dataclass(frozen=True, slots=True)
class DependenceGroup:
    """Maneuvers that load the same structure: only the most informative recorded one counts."""

    code: str
    condition: str
    members: tuple[str, ...]
    source: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Feature:
    """A symptom or pain region that shifts a condition's prior modestly."""

    kind: str  # "symptom", "region" (marked), "region_absent" (a drawn map leaves it out), "age" (an age item)
    code: str
    condition: str
    direction: Direction
    factor: float  # likelihood ratio applied when present (> 1 for, < 1 against)
    basis: Basis
    source: str | None
    note: str = ""
    requires_red_flag: bool = False  # counts only while a present flag suggests this condition


@dataclass(frozen=True, slots=True)
class Condition:
    code: str
    label: str
    icd10: str | None
    prior: float
    prior_basis: Basis
    prior_source: str | None
    prior_note: str
    regions: tuple[str, ...]
    referral: str
    red_flag_level: Level | None = None  # set for conditions a red flag suggests
    defining_sign: str | None = None  # a maneuver whose positive names the condition (rule 6 / rule 10)


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    level: Level
    question: str
    lay_words: str
    suggests: str  # condition code
    referral: str
    source: str
    accuracy: Accuracy | None = None  # published LR+ for `suggests`, e.g. history_of_cancer (henschke2007)
    requires: FlagRequirement | None = None
    implied_by: FlagImplication | None = None
    confirm_with: tuple[str, ...] = ()  # tests that confirm the flag's route, the only ones suggested under it
    escalate: FlagEscalation | None = None  # a graver level with named company (1.1.0)


@dataclass(frozen=True, slots=True)
class ExamStep:
    code: str  # "red_flags", "pain_map", or a maneuver group code
    title: str
    maneuvers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision constants; their values and reasons live in the protocol data file."""

    working_min_probability: float
    working_min_margin: float
    working_min_exam_lr: float
    lr_min: float
    lr_max: float
    history_factor_min: float
    history_factor_max: float
    suggest_candidates: int
    suggest_count: int
    working_min_families: int | None = None  # rule 10 (1.1.0); None: the 1.0.0 naming rules only


@dataclass(frozen=True, slots=True)
class Protocol:
    code: str
    version: str
    title: str
    disclaimer: str
    maneuvers: Mapping[str, Maneuver]
    conditions: Mapping[str, Condition]
    clusters: Mapping[str, Cluster]
    dependence_groups: tuple[DependenceGroup, ...]
    features: tuple[Feature, ...]
    red_flags: Mapping[str, RedFlag]
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    steps: tuple[ExamStep, ...]
    thresholds: Thresholds
    sources: Mapping[str, Source]
    labels: Labels | None = None  # 1.1.0+: the words for regions, symptoms, sides and results
    symptom_groups: tuple[SymptomGroup, ...] = ()
    age_items: Mapping[str, AgeItem] = field(default_factory=dict)
    families: tuple[Family, ...] = ()
    unsafe_tests: tuple[UnsafeRule, ...] = ()


# --- Exam input -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    maneuver: str
    result: Result
    side: Side | None = None
    familiar_pain: bool | None = None


@dataclass(frozen=True, slots=True)
class PainRegion:
    region: str
    side: Side


@dataclass(frozen=True, slots=True)
class ExamInput:
    findings: tuple[Finding, ...]
    affected_side: Side | None = None
    red_flags: frozenset[str] = frozenset()
    pain_regions: tuple[PainRegion, ...] = ()
    symptoms: frozenset[str] = frozenset()
    age: int | None = None  # whole years
    duration_weeks: int | None = None  # whole weeks since onset


# --- Assessment -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One recorded finding, symptom or region and the weight it carried for one condition."""

    kind: str  # "maneuver", "cluster", "symptom", "region", "region_absent", "red_flag"
    code: str
    lr: float
    basis: Basis
    source: str | None  # short citation
    side: Side | None = None
    result: Result | None = None
    note: str = ""
    counted: bool = True  # False: shown to the clinician but not multiplied (cluster member, weaker twin, no data)


@dataclass(frozen=True, slots=True)
class DifferentialEntry:
    condition: str
    label: str
    probability: float
    prior: float
    supporting: tuple[EvidenceItem, ...]
    against: tuple[EvidenceItem, ...]
    evidence: tuple[str, ...]  # short citations, never empty for the head of the differential
    icd10: str | None = None


@dataclass(frozen=True, slots=True)
class ClusterStatus:
    code: str
    condition: str
    positive: int
    tested: int
    threshold: int | None
    met: bool
    members: int = 0
    decided: bool = False


@dataclass(frozen=True, slots=True)
class SuggestedManeuver:
    maneuver: str
    why: str
    expected_gain: float
    side: Side | None = None


@dataclass(frozen=True, slots=True)
class UrgentReferral:
    level: Level
    reasons: tuple[str, ...]  # red-flag codes, in protocol order
    referral: str
    condition: str


@dataclass(frozen=True, slots=True)
class Assessment:
    protocol_code: str
    protocol_version: str
    urgent_referral: UrgentReferral | None
    working_diagnosis: str | None
    differential: tuple[DifferentialEntry, ...]
    clusters: tuple[ClusterStatus, ...]
    suggested_next: tuple[SuggestedManeuver, ...]
    disclaimer: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    flagged: tuple[str, ...] = ()  # heads placed by a counted red flag: shown as a referral, never as odds
    unsafe_tests: tuple[UnsafeMark, ...] = ()  # tests not to perform under the present flags (rule 12)
