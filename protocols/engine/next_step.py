"""Suggest the maneuvers that would best separate the leading conditions (expected information gain).

The leading non-red-flag conditions are treated as one distribution; each untested maneuver is scored by how
much, on average, its result would shrink that distribution's entropy.
"""

from __future__ import annotations

import math

from .index import GainModel, ProtocolIndex, Weight
from .observe import Observations
from .redflags import flag_level
from .rules import UnsafeMark
from .types import Basis, ClusterStatus, Level, Protocol, RedFlag, Side, SuggestedManeuver

_MIN_GAIN = 1e-4  # bits; below this a maneuver would not change the picture


def _entropy(dist: list[float]) -> float:
    total = 0.0
    for p in dist:
        if p > 0:
            total -= p * math.log2(p)
    return total


def _gain(prior: list[float], prior_entropy: float, p_pos: list[float]) -> float:
    """Return H(prior) minus the expected entropy after observing the maneuver's result."""
    joint_pos = [q * s for q, s in zip(prior, p_pos, strict=True)]
    pos = sum(joint_pos)
    neg = 1 - pos
    expected = 0.0
    if pos > 1e-12:
        expected += pos * _entropy([j / pos for j in joint_pos])
    if neg > 1e-12:
        expected += neg * _entropy([(q - j) / neg for q, j in zip(prior, joint_pos, strict=True)])
    return max(prior_entropy - expected, 0.0)


def _is_recorded(index: ProtocolIndex, code: str, observations: Observations) -> bool:
    maneuver = index.protocol.maneuvers[code]
    if not maneuver.sided:
        return (code, None) in observations.recorded
    side = observations.affected_side
    if maneuver.either_side or side is None:
        return any((code, s) in observations.recorded for s in Side)
    return (code, side) in observations.recorded


def _excluded(index: ProtocolIndex, statuses: tuple[ClusterStatus, ...]) -> set[str]:
    """Return members of decided clusters: a further result there would not be multiplied again."""
    clusters = index.protocol.clusters
    return {m for s in statuses if s.decided for m in (*clusters[s.code].members, *clusters[s.code].related)}


def _saturation(index: ProtocolIndex, observations: Observations) -> dict[tuple[str, str], float]:
    """Return, per correlated group member, the strongest recorded member's strength; weaker twins add nothing."""
    strongest: dict[tuple[str, str], float] = {}
    for group in index.picks:
        done = [index.weight_of[(m, group.condition)] for m in group.members if m in observations.counted]
        best = max((w.strength for w in done), default=0.0)
        for member in group.members:
            strongest[(member, group.condition)] = best
    return strongest


def _figures(weight: Weight) -> str:
    parts = [f"positive LR+ {weight.lr_pos:.3g}"] if weight.lr_pos != 1.0 else []
    parts += [f"negative LR- {weight.lr_neg:.3g}"] if weight.lr_neg != 1.0 else []
    basis = "judgement" if weight.basis is Basis.JUDGEMENT else ""
    cite = ", ".join(x for x in (weight.source, basis) if x) or "judgement"
    return f"{', '.join(parts)} ({cite})"


def _why(protocol: Protocol, weight: Weight, others: list[str]) -> str:
    """Say in words (condition labels, not codes) what the maneuver separates and what it is worth."""
    label = protocol.conditions[weight.condition].label
    versus = f" from {' and '.join(protocol.conditions[c].label for c in others)}" if others else ""
    return f"Separates {label}{versus}: {_figures(weight)}."


def unsafe_marks(
    protocol: Protocol, flags: frozenset[str], suspected: frozenset[str] = frozenset()
) -> tuple[UnsafeMark, ...]:
    """List the maneuvers not to perform under the present or suspected flags, with the flags and why (rule 12)."""
    flags = flags | suspected
    marks: dict[str, tuple[list[str], list[str]]] = {}
    for rule in protocol.unsafe_tests:
        present = [f for f in rule.red_flags if f in flags]
        if present:
            for code in rule.maneuvers:
                found, whys = marks.setdefault(code, ([], []))
                found.extend(f for f in present if f not in found)
                whys.append(rule.why)
    return tuple(
        UnsafeMark(
            code,
            tuple(marks[code][0]),
            " ".join(dict.fromkeys(marks[code][1])),
            suspected=all(f in suspected for f in marks[code][0]),
        )
        for code in protocol.maneuvers
        if code in marks
    )


def _checks(
    index: ProtocolIndex,
    observations: Observations,
    flags: list[RedFlag],
    unsafe: frozenset[str],
    suspected: bool,
) -> list[SuggestedManeuver]:
    """Offer each flag's confirming tests not yet done and not unsafe, in the flags' order."""
    protocol = index.protocol
    chosen: list[SuggestedManeuver] = []
    for flag in flags:
        for code in flag.confirm_with:
            if code in unsafe or _is_recorded(index, code, observations) or any(s.maneuver == code for s in chosen):
                continue
            weight = index.weight_of.get((code, flag.suggests))
            worth = f": {_figures(weight)}" if weight is not None and weight.strength > 0 else ""
            label = protocol.conditions[flag.suggests].label
            side = observations.affected_side if protocol.maneuvers[code].sided else None
            if suspected:
                why = f"Settles a suspected red flag first: {label} needs a referral, not more provocation{worth}."
            else:
                why = f"Confirms the route for {label} (red flag: refer){worth}."
            chosen.append(SuggestedManeuver(code, why, 0.0, side))
    return chosen


def confirmations_build(
    index: ProtocolIndex, observations: Observations, flags: frozenset[str], escalated: frozenset[str] = frozenset()
) -> tuple[SuggestedManeuver, ...]:
    """Under a red flag offer only the tests that confirm the leading flags' route (pulses for a vascular flag)."""
    protocol = index.protocol
    present = [protocol.red_flags[c] for c in protocol.red_flags if c in flags]
    lead = Level.EMERGENCY if any(flag_level(f, escalated) is Level.EMERGENCY for f in present) else Level.URGENT
    unsafe = frozenset(m.maneuver for m in unsafe_marks(protocol, flags))
    leading = [f for f in present if flag_level(f, escalated) is lead]
    return tuple(_checks(index, observations, leading, unsafe, suspected=False)[: protocol.thresholds.suggest_count])


def suspicion_checks(
    index: ProtocolIndex, observations: Observations, suspected: frozenset[str], unsafe: frozenset[str]
) -> tuple[SuggestedManeuver, ...]:
    """Offer the tests that settle a suspected flag (the gap for an avulsion, pulses for claudication) first."""
    protocol = index.protocol
    flags = [protocol.red_flags[c] for c in protocol.red_flags if c in suspected]
    return tuple(_checks(index, observations, flags, unsafe, suspected=True))


def _candidate(
    code: str,
    model: GainModel,
    names: list[str],
    prior: list[float],
    prior_entropy: float,
    saturation: dict[tuple[str, str], float],
) -> tuple[float, Weight] | None:
    """Return (expected gain, the weight it mostly rests on) for one untested maneuver, or None."""
    informing = {
        w.condition: w
        for w in model.weights
        if w.condition in names and w.strength > saturation.get((code, w.condition), 0.0)
    }
    if not informing:
        return None
    # A condition the maneuver does not inform still tests positive at the best entry's false-positive rate.
    p_pos = [informing[c].sensitivity or 0.0 if c in informing else model.false_pos for c in names]
    lead = max(informing.values(), key=lambda w: prior[names.index(w.condition)] * w.strength)
    return _gain(prior, prior_entropy, p_pos), lead


def suggestions_build(
    index: ProtocolIndex,
    observations: Observations,
    statuses: tuple[ClusterStatus, ...],
    candidates: list[tuple[str, float]],
    first: tuple[SuggestedManeuver, ...] = (),
    unsafe: frozenset[str] = frozenset(),
) -> tuple[SuggestedManeuver, ...]:
    """Rank untested maneuvers by expected information gain over the leading candidate conditions.

    `first` (the checks of a suspected flag) leads the list; a test marked `unsafe` is never offered.
    """
    limit = index.protocol.thresholds.suggest_count
    chosen: list[SuggestedManeuver] = list(first[:limit])
    if len(candidates) < 2 or len(chosen) == limit:
        return tuple(chosen)
    total = sum(p for _, p in candidates)
    prior = [p / total for _, p in candidates]
    names = [c for c, _ in candidates]
    leading, prior_entropy = frozenset(names), _entropy(prior)
    excluded, saturation = _excluded(index, statuses), _saturation(index, observations)
    ranked: list[tuple[float, int, str, Weight]] = []
    for code, model in index.gain_models.items():
        if leading.isdisjoint(model.conditions) or code in excluded or code in unsafe:
            continue
        if _is_recorded(index, code, observations) or any(c.maneuver == code for c in chosen):
            continue
        scored = _candidate(code, model, names, prior, prior_entropy, saturation)
        if scored is not None and scored[0] > _MIN_GAIN:
            ranked.append((-scored[0], index.maneuver_order[code], code, scored[1]))
    ranked.sort(key=lambda r: (r[0], r[1]))
    groups_used: set[tuple[str, ...]] = set()
    for neg_gain, _, code, lead in ranked:
        group = index.group_of.get((code, lead.condition))
        if group is not None and group.codes in groups_used:
            continue  # a stronger twin from the same correlated group is already offered
        if group is not None:
            groups_used.add(group.codes)
        others = [c for c in names if c != lead.condition][:2]
        side = observations.affected_side if index.protocol.maneuvers[code].sided else None
        chosen.append(SuggestedManeuver(code, _why(index.protocol, lead, others), round(-neg_gain, 4), side))
        if len(chosen) == limit:
            break
    return tuple(chosen)
