"""Tiny synthetic protocols for testing one engine mechanism at a time, plus the real shipped protocol."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType

from protocols.engine.types import (
    Accuracy,
    Basis,
    Cluster,
    Condition,
    DependenceGroup,
    Direction,
    ExamInput,
    Feature,
    Finding,
    Level,
    Maneuver,
    PainRegion,
    Protocol,
    RedFlag,
    Result,
    Side,
    Source,
    Thresholds,
)

REAL_PROTOCOL_FILE = Path(__file__).resolve().parents[3] / "protocols" / "data" / "buttock-pain" / "1.0.0.yaml"
THRESHOLDS = Thresholds(
    working_min_probability=0.5,
    working_min_margin=0.15,
    working_min_exam_lr=2.0,
    lr_min=0.05,
    lr_max=20.0,
    history_factor_min=0.5,
    history_factor_max=2.5,
    suggest_candidates=4,
    suggest_count=3,
)
REGIONS = ("deep_buttock", "lateral_hip", "groin")
SYMPTOMS = ("worse_sitting", "worse_stairs_or_uphill", "worse_cough_sneeze")
L, R = Side.LEFT, Side.RIGHT
POS, NEG, EQ, NT = Result.POSITIVE, Result.NEGATIVE, Result.EQUIVOCAL, Result.NOT_TESTED


@cache
def real_protocol() -> Protocol:
    """Return the shipped buttock-pain protocol, built by the project's own loader."""
    from protocols.loader import protocol_load_file

    return protocol_load_file(REAL_PROTOCOL_FILE)


def acc(condition: str, lr_pos: float | None = None, lr_neg: float | None = None, **kw) -> Accuracy:
    kw.setdefault("preferred", True)
    kw.setdefault("source", "study2000")
    return Accuracy(condition=condition, lr_pos=lr_pos, lr_neg=lr_neg, **kw)


def man(
    code: str,
    *accuracy: Accuracy,
    sided: bool = True,
    provocation: bool = True,
    either_side: bool = False,
    targets: tuple[str, ...] | None = None,
) -> Maneuver:
    if targets is None:
        targets = tuple(dict.fromkeys(a.condition for a in accuracy))
    return Maneuver(
        code=code,
        name=code,
        group="g",
        sided=sided,
        provocation=provocation,
        position="",
        action="",
        positive="",
        targets=targets,
        accuracy=tuple(accuracy),
        either_side=either_side,
    )


def cond(code: str, prior: float, level: Level | None = None) -> Condition:
    return Condition(
        code=code,
        label=code.replace("_", " "),
        icd10=None,
        prior=prior,
        prior_basis=Basis.JUDGEMENT,
        prior_source="prior1999",
        prior_note="",
        regions=(),
        referral="",
        red_flag_level=level,
    )


def flag(code: str, level: Level, suggests: str, lr_pos: float | None = None) -> RedFlag:
    accuracy = None if lr_pos is None else Accuracy(condition=suggests, source="flagstudy", lr_pos=lr_pos)
    return RedFlag(
        code=code,
        level=level,
        question="?",
        lay_words="",
        suggests=suggests,
        referral=f"refer for {code}",
        source="guide2020",
        accuracy=accuracy,
    )


def feature(kind: str, code: str, condition: str, factor: float) -> Feature:
    direction = Direction.FOR if factor > 1 else Direction.AGAINST
    return Feature(
        kind=kind,
        code=code,
        condition=condition,
        direction=direction,
        factor=factor,
        basis=Basis.JUDGEMENT,
        source="history2010",
    )


def protocol_make(
    maneuvers: list[Maneuver],
    conditions: list[Condition] | None = None,
    *,
    clusters: Sequence[Cluster] = (),
    groups: Sequence[DependenceGroup] = (),
    features: Sequence[Feature] = (),
    red_flags: Sequence[RedFlag] = (),
    thresholds: Thresholds = THRESHOLDS,
) -> Protocol:
    """Build a small protocol; by default conditions a (prior 0.2), b (0.2) and c (0.1)."""
    if conditions is None:
        conditions = [cond("a", 0.2), cond("b", 0.2), cond("c", 0.1)]
    keys = ("study2000", "prior1999", "flagstudy", "guide2020", "history2010", "cluster2005")
    sources = {k: Source(k, k.rstrip("0123456789").title() + " " + k[-4:], k) for k in keys}
    return Protocol(
        code="mini",
        version="0.0.1",
        title="mini",
        disclaimer="Working diagnosis for clinical decision support.",
        maneuvers=MappingProxyType({m.code: m for m in maneuvers}),
        conditions=MappingProxyType({c.code: c for c in conditions}),
        clusters=MappingProxyType({c.code: c for c in clusters}),
        dependence_groups=tuple(groups),
        features=tuple(features),
        red_flags=MappingProxyType({f.code: f for f in red_flags}),
        regions=REGIONS,
        symptoms=SYMPTOMS,
        steps=(),
        thresholds=thresholds,
        sources=MappingProxyType(sources),
    )


def exam(
    *findings: Finding,
    side: Side | None = None,
    flags: tuple[str, ...] = (),
    regions: tuple[tuple[str, Side], ...] = (),
    symptoms: tuple[str, ...] = (),
) -> ExamInput:
    return ExamInput(
        findings=tuple(findings),
        affected_side=side,
        red_flags=frozenset(flags),
        pain_regions=tuple(PainRegion(r, s) for r, s in regions),
        symptoms=frozenset(symptoms),
    )


def f(code: str, result: Result = POS, side: Side | None = L, familiar: bool | None = True) -> Finding:
    """One finding; positive on the left with familiar pain unless told otherwise."""
    return Finding(maneuver=code, result=result, side=side, familiar_pain=familiar)


def entry(assessment, condition: str):
    return next(e for e in assessment.differential if e.condition == condition)


def prob(assessment, condition: str) -> float:
    return entry(assessment, condition).probability


def odds(p: float) -> float:
    return p / (1 - p)
