"""Per-protocol lookups built once, so each assessment only walks findings (REFERENCE.md rules 3 and 5)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .types import Accuracy, Basis, Cluster, Feature, Protocol, Thresholds

# Keep a handful of indexes alive; protocols are few and immutable, so the cache never needs invalidating.
_CACHE_SIZE = 8
_cache: dict[int, tuple[Protocol, ProtocolIndex]] = {}


@dataclass(frozen=True, slots=True)
class Weight:
    """The bounded likelihood ratios one maneuver (or cluster) carries for one condition."""

    condition: str
    lr_pos: float  # 1.0 when the direction carries no usable weight
    lr_neg: float
    basis: Basis
    source: str | None  # short citation
    note_pos: str  # why the positive direction was neutralised, shown on the evidence item
    note_neg: str
    sensitivity: float | None  # for the information-gain model only
    specificity: float | None

    @property
    def strength(self) -> float:
        """Return the larger |ln LR| of the two directions: how much this test can move the condition."""
        return max(abs(math.log(self.lr_pos)), abs(math.log(self.lr_neg)))

    def lr_for(self, positive: bool) -> tuple[float, str]:
        """Return the likelihood ratio and its caveat for a positive or a negative result."""
        return (self.lr_pos, self.note_pos) if positive else (self.lr_neg, self.note_neg)


@dataclass(frozen=True, slots=True)
class RuleOut:
    """The published rule-out side of a cluster that gives only its rule-in LR (Cook 2011: none of 5 present).

    Ruled out when fewer than `threshold` members can still be positive; `weight.lr_neg` is the LR used.
    """

    name: str
    threshold: int
    weight: Weight


@dataclass(frozen=True, slots=True)
class ScoredCluster:
    """A cluster with a published threshold and accuracy: scored once in place of its members."""

    cluster: Cluster
    weight: Weight
    rule_out: RuleOut | None = None  # set only when the cluster's own estimate has no usable LR-


@dataclass(frozen=True, slots=True)
class PickGroup:
    """Correlated maneuvers for one condition of which only the most informative recorded one counts."""

    codes: tuple[str, ...]  # cluster / dependence-group codes merged because they share members
    condition: str
    members: tuple[str, ...]  # protocol order


@dataclass(frozen=True, slots=True)
class GainModel:
    """A maneuver's weights with known sensitivity and specificity, and its false-positive rate elsewhere."""

    weights: tuple[Weight, ...]
    false_pos: float  # 1 - specificity of its most informative entry
    conditions: frozenset[str]


@dataclass(frozen=True, slots=True)
class ProtocolIndex:
    protocol: Protocol
    maneuver_order: dict[str, int]
    condition_order: dict[str, int]
    weights: dict[str, tuple[Weight, ...]]  # maneuver -> one weight per condition it informs or targets
    scored: tuple[ScoredCluster, ...]
    picks: tuple[PickGroup, ...]
    grouped: frozenset[tuple[str, str]]  # (maneuver, condition) pairs combined by a cluster or pick group
    features: dict[tuple[str, str], tuple[Feature, ...]]  # (kind, code) -> features
    capacity: int  # most findings an exam can hold: 2 per sided maneuver, 1 per unsided
    positions: dict[tuple[str, str], int]  # (evidence kind, code) -> protocol order, for stable output
    weight_of: dict[tuple[str, str], Weight]  # (maneuver, condition) -> weight
    group_of: dict[tuple[str, str], PickGroup]  # (maneuver, condition) -> its correlated group
    flagged: frozenset[str]  # conditions a red flag suggests: they lead by rule, never by number
    gain_models: dict[str, GainModel]  # maneuver -> what the next-step search needs, when it can model it


def source_short(protocol: Protocol, key: str | None) -> str | None:
    """Return the short citation for a source key, falling back to the key itself."""
    if key is None:
        return None
    source = protocol.sources.get(key)
    return source.short if source is not None else key


def lr_clamp(value: float, thresholds: Thresholds) -> float:
    """Bound one likelihood ratio so a single test never makes a condition certain (REFERENCE.md rule 5)."""
    return min(max(value, thresholds.lr_min), thresholds.lr_max)


def _lrs_from_accuracy(acc: Accuracy) -> tuple[float | None, float | None]:
    """Return (LR+, LR-), computing a missing one from sensitivity and specificity where both are given."""
    lr_pos, lr_neg = acc.lr_pos, acc.lr_neg
    sens, spec = acc.sensitivity, acc.specificity
    if sens is not None and spec is not None:
        if lr_pos is None and sens > 0:
            lr_pos = math.inf if spec >= 1 else sens / (1 - spec)
        if lr_neg is None and spec > 0:
            lr_neg = max(1 - sens, 0.0) / spec
    return lr_pos, lr_neg


def _accuracy_pick(entries: list[Accuracy]) -> Accuracy | None:
    """Return the preferred estimate (the first with figures when several are marked preferred)."""
    preferred = [a for a in entries if a.preferred]
    with_figures = [a for a in preferred if any(_lrs_from_accuracy(a))]
    if with_figures:
        return with_figures[0]
    return preferred[0] if preferred else None


def weight_resolve(protocol: Protocol, condition: str, entries: list[Accuracy]) -> Weight:
    """Turn the estimates for one maneuver and condition into bounded LRs, saying why any part is neutral."""
    chosen = _accuracy_pick(entries)
    if chosen is not None and not chosen.confirmed:
        fallback = [a for a in entries if a.basis is Basis.JUDGEMENT and a.confirmed]
        if not fallback:
            note = "estimate not confirmed in a retrieved source: shown, not weighted"
            return Weight(
                condition, 1.0, 1.0, chosen.basis, source_short(protocol, chosen.source), note, note, None, None
            )
        chosen = fallback[0]
    if chosen is None:
        note = "no accuracy estimate: shown, not weighted"
        shown = entries[0] if entries else None
        basis = shown.basis if shown else Basis.JUDGEMENT
        source = source_short(protocol, shown.source) if shown else None
        return Weight(condition, 1.0, 1.0, basis, source, note, note, None, None)
    lr_pos, lr_neg = _lrs_from_accuracy(chosen)
    note_pos = note_neg = ""
    # An inverted published estimate (Dreyfuss 1996 FABER) means the test did not discriminate.
    if chosen.basis is Basis.PUBLISHED and lr_pos is not None and lr_pos < 1:
        note_pos, lr_pos = f"published LR+ {lr_pos:.2f} is below 1: the test did not discriminate", None
    if chosen.basis is Basis.PUBLISHED and lr_neg is not None and lr_neg > 1:
        note_neg, lr_neg = f"published LR- {lr_neg:.2f} is above 1: the test did not discriminate", None
    thresholds = protocol.thresholds
    final_pos = 1.0 if lr_pos is None else lr_clamp(lr_pos, thresholds)
    final_neg = 1.0 if lr_neg is None else lr_clamp(lr_neg, thresholds)
    sens, spec = chosen.sensitivity, chosen.specificity
    if sens is None or spec is None or (note_pos or note_neg):
        sens, spec = _sens_spec_derive(final_pos, final_neg)
    return Weight(
        condition,
        final_pos,
        final_neg,
        chosen.basis,
        source_short(protocol, chosen.source),
        note_pos or ("" if lr_pos is not None else "no LR+ published"),
        note_neg or ("" if lr_neg is not None else "no LR- published"),
        sens,
        spec,
    )


def _sens_spec_derive(lr_pos: float, lr_neg: float) -> tuple[float | None, float | None]:
    """Recover sensitivity and specificity from an LR pair; only a pair straddling 1 defines them."""
    if not (lr_pos > 1.0 > lr_neg):
        return None, None
    spec = (lr_pos - 1) / (lr_pos - lr_neg)
    return lr_pos * (1 - spec), spec


def _weights_build(protocol: Protocol) -> dict[str, tuple[Weight, ...]]:
    order = {code: i for i, code in enumerate(protocol.conditions)}
    weights: dict[str, tuple[Weight, ...]] = {}
    for code, maneuver in protocol.maneuvers.items():
        conditions = {a.condition for a in maneuver.accuracy} | set(maneuver.targets)
        ordered = sorted((c for c in conditions if c in order), key=order.__getitem__)
        weights[code] = tuple(
            weight_resolve(protocol, c, [a for a in maneuver.accuracy if a.condition == c]) for c in ordered
        )
    return weights


def _estimate(protocol: Protocol, condition: str, accuracy: Accuracy) -> Weight:
    """Resolve a cluster's (or variant's) published estimate as the one used for its condition."""
    return weight_resolve(protocol, condition, [replace(accuracy, condition=condition, preferred=True)])


def _rule_out_find(protocol: Protocol, cluster: Cluster) -> RuleOut | None:
    """Return the cluster's rule-out side: a variant counting the same members at a lower threshold with an LR-.

    Cook's stenosis cluster is one rule read two ways, "4 or more = rule in; none of the 5 = rule out"
    (cook2011): the evidence gives the rule-in LR+ 4.6 on the cluster and the rule-out LR- 0.19 on its
    at-least-1-of-5 variant. It is not a competing estimate (rule 3), so it is used only where the cluster
    itself has no LR-; between the two thresholds the cluster stays undecided.
    """
    for variant in cluster.variants:
        at, accuracy = variant.threshold, variant.accuracy
        if at is None or accuracy is None or set(variant.members) != set(cluster.members):
            continue
        if cluster.threshold is not None and at < cluster.threshold:
            weight = _estimate(protocol, cluster.condition, accuracy)
            if weight.lr_neg < 1.0:
                return RuleOut(variant.name, at, weight)
    return None


def _scored_build(protocol: Protocol) -> tuple[ScoredCluster, ...]:
    scored = []
    for cluster in protocol.clusters.values():
        if not cluster.scored or cluster.threshold is None or cluster.accuracy is None:
            continue
        weight = _estimate(protocol, cluster.condition, cluster.accuracy)
        # Cook's stenosis cluster publishes only its rule-in LR: one usable direction is enough to score it.
        if weight.lr_pos > 1.0 or weight.lr_neg < 1.0:
            rule_out = _rule_out_find(protocol, cluster) if weight.lr_neg == 1.0 else None
            scored.append(ScoredCluster(cluster, weight, rule_out))
    return tuple(scored)


def _picks_build(
    protocol: Protocol, scored: tuple[ScoredCluster, ...], maneuver_order: dict[str, int]
) -> tuple[PickGroup, ...]:
    """Merge unscored clusters and dependence groups that share a member for the same condition."""
    claimed = {(m, s.cluster.condition) for s in scored for m in (*s.cluster.members, *s.cluster.related)}
    scored_codes = {s.cluster.code for s in scored}
    raw = [
        (c.code, c.condition, c.members) for c in protocol.clusters.values() if c.code not in scored_codes and c.scored
    ]
    raw += [(g.code, g.condition, g.members) for g in protocol.dependence_groups]
    merged: list[tuple[list[str], str, set[str]]] = []
    for code, condition, members in raw:
        free = {m for m in members if m in maneuver_order and (m, condition) not in claimed}
        hits = [g for g in merged if g[1] == condition and g[2] & free]
        codes, pool = [code], set(free)
        for group in hits:
            merged.remove(group)
            codes = group[0] + codes
            pool |= group[2]
        merged.append((codes, condition, pool))
    return tuple(
        PickGroup(tuple(codes), condition, tuple(sorted(pool, key=maneuver_order.__getitem__)))
        for codes, condition, pool in merged
        if len(pool) > 1
    )


def _index_build(protocol: Protocol) -> ProtocolIndex:
    maneuver_order = {code: i for i, code in enumerate(protocol.maneuvers)}
    scored = _scored_build(protocol)
    picks = _picks_build(protocol, scored, maneuver_order)
    grouped = {(m, s.cluster.condition) for s in scored for m in (*s.cluster.members, *s.cluster.related)}
    grouped |= {(m, p.condition) for p in picks for m in p.members}
    features: dict[tuple[str, str], tuple[Feature, ...]] = {}
    for feature in protocol.features:
        key = (feature.kind, feature.code)
        features[key] = (*features.get(key, ()), feature)
    capacity = sum(2 if m.sided else 1 for m in protocol.maneuvers.values())
    kinds = {
        "maneuver": protocol.maneuvers,
        "cluster": protocol.clusters,
        "red_flag": protocol.red_flags,
        "symptom": protocol.symptoms,
        "region": protocol.regions,
    }
    positions = {(kind, code): i for kind, codes in kinds.items() for i, code in enumerate(codes)}
    weights = _weights_build(protocol)
    flagged = {f.suggests for f in protocol.red_flags.values()}
    flagged |= {c.code for c in protocol.conditions.values() if c.red_flag_level is not None}
    return ProtocolIndex(
        protocol=protocol,
        maneuver_order=maneuver_order,
        condition_order={code: i for i, code in enumerate(protocol.conditions)},
        weights=weights,
        scored=scored,
        picks=picks,
        grouped=frozenset(grouped),
        features=features,
        capacity=capacity,
        positions=positions,
        weight_of={(m, w.condition): w for m, ws in weights.items() for w in ws},
        group_of={(m, p.condition): p for p in picks for m in p.members},
        flagged=frozenset(flagged),
        gain_models=_gain_models_build(weights),
    )


def _gain_models_build(weights: dict[str, tuple[Weight, ...]]) -> dict[str, GainModel]:
    models = {}
    for code, ws in weights.items():
        usable = tuple(w for w in ws if w.sensitivity is not None and w.specificity is not None)
        if usable:
            best = max(usable, key=lambda w: w.strength)
            models[code] = GainModel(usable, 1 - (best.specificity or 0.0), frozenset(w.condition for w in usable))
    return models


def index_get(protocol: Protocol) -> ProtocolIndex:
    """Return the cached index for this protocol object, building it on first use."""
    hit = _cache.get(id(protocol))
    if hit is not None and hit[0] is protocol:
        return hit[1]
    index = _index_build(protocol)
    if len(_cache) >= _CACHE_SIZE:
        _cache.pop(next(iter(_cache)))
    _cache[id(protocol)] = (protocol, index)
    return index
