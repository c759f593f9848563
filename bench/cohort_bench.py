"""Calibration benchmark on a synthetic cohort: `python bench/cohort_bench.py [patients] [seed]`.

Why: the engine scores each condition against all the others with bounded likelihood ratios (REFERENCE rules
2-5). That approximates the Bayes-optimal classifier of the evidence's own figures, but is not it, so this
script measures how close it comes. Patients are drawn from a generative model built from the release file
alone, and the engine's answer is compared with the Bayes answer computed directly from that model.

The model makes the engine's own assumptions:
- Truth: one condition per patient, drawn from the priors normalised over the conditions no red flag suggests
  (the priors describe patients "after the red-flag screen").
- Tests: each maneuver with a usable accuracy for one of those conditions is done on the affected side, and its
  results are independent given the truth. P(positive | c) is the preferred estimate's sensitivity for a
  condition the test informs; for any other condition it is 1 - specificity of the test's most informative
  entry (as the next-step search models it). A one-sided figure (LR+ only) gives LR+ x that rate.
- Correlated families as the engine treats them: a scored cluster (Laslett, Martin) is one verdict drawn from
  the cluster's own sensitivity and specificity; its members show a pattern drawn uniformly among those giving
  that verdict and a related test (Gaenslen, FAIR) shows the verdict. A correlated group (SLR with slump, the
  hamstring stretches, the Lequesne and Grimaldi tests, Gomez-Hoyos) is one latent result drawn from its most
  informative member, shown by every member. A positive reproduces the familiar pain; no pain map is drawn.

Figures: top-1 agreement of the engine with the Bayes answer (target >= 0.95), each one's top-1 accuracy and
their ratio, a calibration table of the engine's probabilities, and red-flag recall over every flag and every
flag picture (target 1.0, with no provocation suggested under a flag). Exits 1 when a target is missed.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocols.engine import assess  # noqa: E402
from protocols.engine.index import ProtocolIndex, Weight, index_get  # noqa: E402
from protocols.engine.types import ExamInput, Finding, Level, Protocol, Result, Side  # noqa: E402
from protocols.loader import protocol_load_file  # noqa: E402

PROTOCOL_FILE = ROOT / "protocols" / "data" / "buttock-pain" / "1.1.0.yaml"
AGREEMENT_TARGET = 0.95
RECALL_TARGET = 1.0
SIDE = Side.LEFT
BINS = 10


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of evidence independent of the others given the truth: a test, a group or a cluster."""

    name: str
    p_pos: dict[str, float]  # P(positive | condition) for every candidate condition
    shown_by: tuple[str, ...]  # maneuvers that show its result (a group's members, a cluster's related tests)
    members: tuple[str, ...] = ()  # a cluster's members, drawn as a pattern given the verdict
    threshold: int = 0


def _sens_spec(weight: Weight) -> tuple[float, float] | None:
    """Return the estimate's (sensitivity, specificity), or None when it defines only one direction."""
    if weight.sensitivity is not None and weight.specificity is not None:
        return weight.sensitivity, weight.specificity
    return None


def _p_pos(weight: Weight, false_pos: float) -> float:
    """P(positive | the informed condition): its sensitivity, else the one published direction applied."""
    pair = _sens_spec(weight)
    if pair is not None:
        return pair[0]
    if weight.lr_pos != 1.0:
        return min(weight.lr_pos * false_pos, 1.0)
    return 1.0 - min(weight.lr_neg * (1.0 - false_pos), 1.0)


def _test_unit(index: ProtocolIndex, code: str, conditions: list[str], shown_by: tuple[str, ...]) -> Unit | None:
    """Model one maneuver: sensitivity where it informs, its best entry's false-positive rate elsewhere."""
    weights = {w.condition: w for w in index.weights[code] if w.condition in conditions}
    usable = [w for w in weights.values() if _sens_spec(w) is not None]
    if not usable:
        return None
    best = max(usable, key=lambda w: w.strength)
    false_pos = 1.0 - (best.specificity or 0.0)
    p_pos = {c: _p_pos(weights[c], false_pos) if c in weights else false_pos for c in conditions}
    return Unit(code, p_pos, shown_by)


def model_build(index: ProtocolIndex) -> tuple[dict[str, float], list[Unit]]:
    """Return the normalised priors of the screened population and the model's independent units."""
    protocol = index.protocol
    conditions = [c for c in protocol.conditions if c not in index.flagged]
    total = sum(protocol.conditions[c].prior for c in conditions)
    priors = {c: protocol.conditions[c].prior / total for c in conditions}
    units: list[Unit] = []
    taken: set[str] = set()
    for scored in index.scored:
        cluster = scored.cluster
        pair = _sens_spec(scored.weight)
        if cluster.condition not in priors or pair is None or not set(cluster.members) <= set(protocol.maneuvers):
            continue  # history clusters (ASAS, Cook, Sutlive's squatting item): no history is drawn
        sens, spec = pair
        p_pos = {c: sens if c == cluster.condition else 1.0 - spec for c in conditions}
        units.append(Unit(cluster.code, p_pos, cluster.related, cluster.members, cluster.threshold or 0))
        taken |= {*cluster.members, *cluster.related}
    for group in index.picks:
        free = [m for m in group.members if m not in taken]
        if group.condition not in priors or len(free) < 2:
            continue
        lead = max(free, key=lambda m: index.weight_of[(m, group.condition)].strength)
        unit = _test_unit(index, lead, conditions, tuple(free))
        if unit is not None:
            units.append(Unit("+".join(group.codes), unit.p_pos, unit.shown_by))
            taken |= set(free)
    for code in protocol.maneuvers:
        if code not in taken and (unit := _test_unit(index, code, conditions, (code,))) is not None:
            units.append(unit)
    return priors, units


def _patterns(size: int, threshold: int, met: bool) -> list[tuple[bool, ...]]:
    return [p for p in itertools.product((True, False), repeat=size) if (sum(p) >= threshold) is met]


def patient_draw(
    rng: random.Random, priors: dict[str, float], units: list[Unit], coverage: float = 1.0
) -> tuple[str, dict[str, bool], dict[str, bool]]:
    """Return (truth, each recorded unit's result, each maneuver's result) for one synthetic patient.

    `coverage` < 1 records each unit with that probability (a thin exam); the rest are not tested.
    """
    truth = rng.choices(list(priors), weights=list(priors.values()))[0]
    outcomes: dict[str, bool] = {}
    results: dict[str, bool] = {}
    for unit in units:
        if coverage < 1.0 and rng.random() >= coverage:
            continue
        positive = rng.random() < unit.p_pos[truth]
        outcomes[unit.name] = positive
        results.update(dict.fromkeys(unit.shown_by, positive))
        if unit.members:
            pattern = rng.choice(_patterns(len(unit.members), unit.threshold, positive))
            results.update(zip(unit.members, pattern, strict=True))
    return truth, outcomes, results


def exam_build(protocol: Protocol, results: dict[str, bool], flags: frozenset[str] = frozenset()) -> ExamInput:
    findings = []
    for code, positive in results.items():
        maneuver = protocol.maneuvers[code]
        familiar = True if positive and maneuver.provocation else None
        result = Result.POSITIVE if positive else Result.NEGATIVE
        findings.append(Finding(code, result, SIDE if maneuver.sided else None, familiar))
    return ExamInput(tuple(findings), affected_side=SIDE, red_flags=flags)


def bayes_posterior(priors: dict[str, float], units: list[Unit], outcomes: dict[str, bool]) -> dict[str, float]:
    """P(condition | results) under the model: prior x product of each unit's likelihood, normalised."""
    logs = {}
    for c, prior in priors.items():
        total = math.log(prior)
        for unit in (u for u in units if u.name in outcomes):
            p = unit.p_pos[c] if outcomes[unit.name] else 1.0 - unit.p_pos[c]
            total += math.log(max(p, 1e-12))
        logs[c] = total
    top = max(logs.values())
    weights = {c: math.exp(v - top) for c, v in logs.items()}
    norm = sum(weights.values())
    return {c: w / norm for c, w in weights.items()}


def _argmax(scores: dict[str, float], order: list[str]) -> str:
    return max(order, key=lambda c: (scores[c], -order.index(c)))


@dataclass(frozen=True, slots=True)
class Cohort:
    units: list[Unit]
    agreement: float  # engine top-1 == Bayes top-1
    engine_accuracy: float  # engine top-1 == the drawn truth
    bayes_accuracy: float
    engine_pairs: list[tuple[float, bool]]  # (probability, condition is the truth), every condition of every patient
    bayes_pairs: list[tuple[float, bool]]


def cohort_run(protocol: Protocol, patients: int, seed: int, coverage: float = 1.0) -> Cohort:
    """Draw the cohort, assess each patient, and gather agreement, accuracy and calibration pairs."""
    index = index_get(protocol)
    priors, units = model_build(index)
    order = list(priors)
    rng = random.Random(seed)
    agree = engine_right = bayes_right = 0
    engine_pairs: list[tuple[float, bool]] = []
    bayes_pairs: list[tuple[float, bool]] = []
    for _ in range(patients):
        truth, outcomes, results = patient_draw(rng, priors, units, coverage)
        answer = assess(protocol, exam_build(protocol, results))
        engine_top = answer.differential[0].condition
        posterior = bayes_posterior(priors, units, outcomes)
        bayes_top = _argmax(posterior, order)
        agree += engine_top == bayes_top
        engine_right += engine_top == truth
        bayes_right += bayes_top == truth
        for entry in answer.differential:
            if entry.condition in priors:
                engine_pairs.append((entry.probability, entry.condition == truth))
        bayes_pairs += [(p, c == truth) for c, p in posterior.items()]
    return Cohort(units, agree / patients, engine_right / patients, bayes_right / patients, engine_pairs, bayes_pairs)


def calibration(pairs: list[tuple[float, bool]]) -> tuple[list[tuple[int, float, float]], float]:
    """Return per bin (count, mean predicted, observed frequency) and the expected calibration error."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for p, hit in pairs:
        bins[min(int(p * BINS), BINS - 1)].append((p, hit))
    rows, ece = [], 0.0
    for members in bins:
        if not members:
            rows.append((0, math.nan, math.nan))
            continue
        mean = sum(p for p, _ in members) / len(members)
        observed = sum(hit for _, hit in members) / len(members)
        rows.append((len(members), mean, observed))
        ece += len(members) / len(pairs) * abs(mean - observed)
    return rows, ece


def _provocations(protocol: Protocol) -> frozenset[str]:
    """Tests not to suggest under a flag: every provocation and the resisted hamstring test (rule 12)."""
    resisted = {code for code in protocol.maneuvers if code.startswith("resisted_")}
    return frozenset(code for code, m in protocol.maneuvers.items() if m.provocation) | resisted


def red_flag_cases(protocol: Protocol) -> list[tuple[str, frozenset[str], frozenset[str], dict[str, bool]]]:
    """Every flag ticked (with a companion when it counts only with another), and every flag's picture unticked.

    Each case: (the flag expected to route, flags ticked, symptoms ticked, maneuvers found positive).
    """
    cases: list[tuple[str, frozenset[str], frozenset[str], dict[str, bool]]] = []
    for code, flag in protocol.red_flags.items():
        ticked = {code}
        if flag.requires is not None and flag.requires.another_flag:
            companion = next(c for c, f in protocol.red_flags.items() if c != code and f.requires is None)
            ticked.add(companion)
        cases.append((code, frozenset(ticked), frozenset(), {}))
        picture = flag.implied_by
        if picture is None:
            continue
        for extra in picture.any or ("",):  # the picture with each of its alternatives in turn
            items = [*picture.all, *([extra] if extra else [])]
            symptoms = frozenset(i for i in items if i in protocol.symptoms)
            cases.append((code, frozenset(), symptoms, {i: True for i in items if i in protocol.maneuvers}))
    return cases


def red_flag_recall(protocol: Protocol, seed: int, per_case: int) -> tuple[float, int, int]:
    """Route every flag case with mechanical findings drawn from the model: (recall, cases, provocations)."""
    index = index_get(protocol)
    priors, units = model_build(index)
    rng = random.Random(seed + 1)
    forbidden = _provocations(protocol)
    routed = total = provocations = 0
    for expected, ticked, symptoms, positives in red_flag_cases(protocol):
        for _ in range(per_case):
            _, _, results = patient_draw(rng, priors, units)
            exam = exam_build(protocol, {**results, **positives}, ticked)
            exam = ExamInput(exam.findings, exam.affected_side, exam.red_flags, (), symptoms)
            answer = assess(protocol, exam)
            referral = answer.urgent_referral
            levels = {protocol.red_flags[c].level for c in (*ticked, expected)}
            level = Level.EMERGENCY if Level.EMERGENCY in levels else Level.URGENT  # the most severe leads
            total += 1
            routed += referral is not None and expected in referral.reasons and referral.level is level
            provocations += any(s.maneuver in forbidden for s in answer.suggested_next)
    return routed / total, total, provocations


def main(patients: int = 8000, seed: int = 20261202) -> int:
    started = time.perf_counter()
    protocol = protocol_load_file(PROTOCOL_FILE)
    cohort = cohort_run(protocol, patients, seed)
    families = ", ".join(u.name for u in cohort.units if u.members or len(u.shown_by) > 1)
    print(f"protocol {protocol.code} {protocol.version}; {patients} synthetic patients, seed {seed}")
    print(f"model: {len(cohort.units)} independent units; correlated families: {families}")
    agreement, engine_acc, bayes_acc = cohort.agreement, cohort.engine_accuracy, cohort.bayes_accuracy
    verdict = "met" if agreement >= AGREEMENT_TARGET else "NOT MET"
    print(f"top-1 agreement with the Bayes-optimal answer: {agreement:.3f} (target >= {AGREEMENT_TARGET}: {verdict})")
    print(
        f"top-1 accuracy against the truth: engine {engine_acc:.3f}, Bayes-optimal {bayes_acc:.3f}, "
        f"ratio {engine_acc / bayes_acc:.3f}"
    )
    thin = cohort_run(protocol, patients // 2, seed + 2, coverage=0.5)
    print(
        f"half exams (each unit recorded with probability 0.5, {patients // 2} patients, shown only): agreement "
        f"{thin.agreement:.3f}, accuracy engine {thin.engine_accuracy:.3f} vs Bayes-optimal {thin.bayes_accuracy:.3f}"
    )
    rows, ece = calibration(cohort.engine_pairs)
    _, bayes_ece = calibration(cohort.bayes_pairs)
    print("calibration of the engine's probabilities (each condition of each patient):")
    print("  bin        n      predicted  observed")
    for i, (n, mean, observed) in enumerate(rows):
        if n:
            print(f"  {i / BINS:.1f}-{(i + 1) / BINS:.1f}  {n:6d}  {mean:9.3f}  {observed:8.3f}")
    print(f"  expected calibration error: engine {ece:.3f}, Bayes posterior {bayes_ece:.3f} (the model's own floor)")
    recall, cases, provocations = red_flag_recall(protocol, seed, per_case=25)
    recall_verdict = "met" if recall >= RECALL_TARGET and provocations == 0 else "NOT MET"
    print(
        f"red-flag recall: {recall:.3f} of {cases} flagged patients routed at the right level; "
        f"provocations suggested under a flag: {provocations} (target {RECALL_TARGET:.0f} and 0: {recall_verdict})"
    )
    print(f"elapsed {time.perf_counter() - started:.1f} s")
    return 0 if verdict == "met" and recall_verdict == "met" else 1


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    sys.exit(main(*args))
