"""Per-protocol lookups built once, so each assessment only walks findings (REFERENCE.md rules 3 and 5)."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
    note: str  # why a direction was neutralised, shown on the evidence item
    sensitivity: float | None  # for the information-gain model only
    specificity: float | None

    @property
    def informative(self) -> bool:
        return self.lr_pos != 1.0 or self.lr_neg != 1.0


@dataclass(frozen=True, slots=True)
class ScoredCluster:
    """A cluster with a published threshold and accuracy: scored once in place of its members."""

    cluster: Cluster
    weight: Weight


@dataclass(frozen=True, slots=True)
class PickGroup:
    """Correlated maneuvers for one condition of which only the most informative recorded one counts."""

    codes: tuple[str, ...]  # cluster / dependence-group codes merged because they share members
    condition: str
    members: tuple[str, ...]  # protocol order


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
    notes: list[str] = []
    if chosen is not None and not chosen.confirmed:
        fallback = [a for a in entries if a.basis is Basis.JUDGEMENT and a.confirmed]
        notes.append("published estimate not confirmed in a retrieved source")
        chosen = fallback[0] if fallback else None
    if chosen is None:
        base = "; ".join(notes) or "no accuracy estimate"
        return Weight(condition, 1.0, 1.0, Basis.JUDGEMENT, None, f"{base}: shown, not weighted", None, None)
    lr_pos, lr_neg = _lrs_from_accuracy(chosen)
    published = chosen.basis is Basis.PUBLISHED
    # An inverted published estimate (Dreyfuss 1996 FABER) means the test did not discriminate.
    if lr_pos is not None and lr_pos < 1 and published:
        notes.append(f"published LR+ {lr_pos:.2f} is below 1: the test did not discriminate")
        lr_pos = None
    if lr_neg is not None and lr_neg > 1 and published:
        notes.append(f"published LR- {lr_neg:.2f} is above 1: the test did not discriminate")
        lr_neg = None
    if lr_pos is None and lr_neg is None and not notes:
        notes.append("no likelihood ratio published")
    thresholds = protocol.thresholds
    final_pos = 1.0 if lr_pos is None else lr_clamp(lr_pos, thresholds)
    final_neg = 1.0 if lr_neg is None else lr_clamp(lr_neg, thresholds)
    sens, spec = chosen.sensitivity, chosen.specificity
    if sens is None or spec is None:
        sens, spec = _sens_spec_derive(final_pos, final_neg)
    return Weight(
        condition, final_pos, final_neg, chosen.basis, source_short(protocol, chosen.source),
        "; ".join(notes), sens, spec,
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


def _scored_build(protocol: Protocol) -> tuple[ScoredCluster, ...]:
    scored = []
    for cluster in protocol.clusters.values():
        if cluster.threshold is None or cluster.accuracy is None:
            continue
        acc = cluster.accuracy
        weight = weight_resolve(protocol, cluster.condition, [_as_preferred(acc, cluster.condition)])
        if weight.lr_pos > 1.0 and weight.lr_neg < 1.0:
            scored.append(ScoredCluster(cluster, weight))
    return tuple(scored)


def _as_preferred(acc: Accuracy, condition: str) -> Accuracy:
    return Accuracy(
        condition=condition, source=acc.source, basis=acc.basis, sensitivity=acc.sensitivity,
        specificity=acc.specificity, lr_pos=acc.lr_pos, lr_neg=acc.lr_neg, preferred=True,
        confirmed=acc.confirmed,
    )


def _picks_build(
    protocol: Protocol, scored: tuple[ScoredCluster, ...], maneuver_order: dict[str, int]
) -> tuple[PickGroup, ...]:
    """Merge unscored clusters and dependence groups that share a member for the same condition."""
    claimed = {(m, s.cluster.condition) for s in scored for m in (*s.cluster.members, *s.cluster.related)}
    scored_codes = {s.cluster.code for s in scored}
    raw = [(c.code, c.condition, c.members) for c in protocol.clusters.values() if c.code not in scored_codes]
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
    return ProtocolIndex(
        protocol=protocol,
        maneuver_order=maneuver_order,
        condition_order={code: i for i, code in enumerate(protocol.conditions)},
        weights=_weights_build(protocol),
        scored=scored,
        picks=picks,
        grouped=frozenset(grouped),
        features=features,
        capacity=capacity,
    )


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
