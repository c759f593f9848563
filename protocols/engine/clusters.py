"""Correlated maneuvers are scored once, never multiplied together (REFERENCE.md rule 4).

A validated cluster (threshold plus published accuracy: Laslett's SIJ provocations, Martin's deep gluteal pair)
replaces its members with the cluster's own LR once decided. Clusters without a combining rule and dependence
groups (SLR with slump, the hamstring stretch tests) count only their most informative recorded member.
"""

from __future__ import annotations

import math

from .index import PickGroup, ProtocolIndex, ScoredCluster, Weight
from .likelihood import Tally, maneuver_item
from .observe import Observation
from .types import Cluster, ClusterStatus, EvidenceItem, Result


def cluster_count(cluster: Cluster, counted: dict[str, Observation]) -> tuple[int, int]:
    """Return (positive, tested) among the cluster's members on the relevant side."""
    observed = [counted[m] for m in cluster.members if m in counted]
    return sum(o.result is Result.POSITIVE for o in observed), len(observed)


def _scored_apply(
    index: ProtocolIndex, scored: ScoredCluster, counted: dict[str, Observation], tally: Tally
) -> ClusterStatus:
    cluster, weight = scored.cluster, scored.weight
    threshold = cluster.threshold or 0
    positive, tested = cluster_count(cluster, counted)
    # A cluster validated in one population (ASAS: chronic back pain) applies only once that is recorded.
    applies = all(m in counted and counted[m].result is Result.POSITIVE for m in cluster.requires)
    if not applies:
        return ClusterStatus(
            cluster.code, cluster.condition, positive, tested, cluster.threshold, False, members=len(cluster.members)
        )
    size = len(cluster.members)
    met = positive >= threshold
    # The LR- and the threshold it is published at: the cluster's own, or its rule-out side (Cook's none of 5).
    rule_out, out_at = (scored.rule_out.weight, scored.rule_out.threshold) if scored.rule_out else (weight, threshold)
    # Decided negative: even every untested member turning positive could not reach the rule-out threshold. A
    # cluster with no published LR- is never decided negative, so its members' own weights keep counting.
    ruled_out = not met and rule_out.lr_neg < 1.0 and positive + (size - tested) < out_at
    absorbed = [(m, counted[m]) for m in (*cluster.members, *cluster.related) if m in counted]
    members = [(obs, w) for m, obs in absorbed if (w := index.weight_of.get((m, cluster.condition)))]
    if tested == 0 and not ruled_out:
        # Rule 4 replaces the tests a cluster covers; with none of its members recorded it covers nothing, so a
        # related test alone (FAIR beside Martin's pair) keeps its own preferred estimate (rule 3), unbounded.
        _related_alone(cluster, members, tally)
        return ClusterStatus(cluster.code, cluster.condition, 0, 0, cluster.threshold, False, members=size)
    tally_note = f"{positive} of {tested} tested positive (threshold {threshold} of {size})"
    cited = weight if met else rule_out  # the estimate whose basis and source the verdict carries
    if met or ruled_out:
        lr = weight.lr_pos if met else rule_out.lr_neg
        result: Result | None = Result.POSITIVE if met else Result.NEGATIVE
        note, member_note = f"cluster {'met' if met else 'ruled out'}: {tally_note}", _within(cited.source, "counted")
        if ruled_out and scored.rule_out is not None:
            note += f"; rule-out: {scored.rule_out.name}"
    else:
        # An incomplete cluster never says more than the complete one would.
        product = math.prod(w.lr_for(obs.result is Result.POSITIVE)[0] for obs, w in members)
        lr, result = min(max(product, weight.lr_neg), weight.lr_pos), None
        bounded = ", bounded by the complete cluster" if lr != product else ""
        note = f"cluster not yet decided: {tally_note}; tested members' LRs multiplied{bounded}"
        member_note = _within(weight.source, "combined")
    # A decided history cluster (ASAS, Cook) has no weighted members of its own, yet its verdict counts.
    if (met or ruled_out) or (members and lr != 1.0):
        tally.add(
            EvidenceItem("cluster", cluster.code, lr, cited.basis, cited.source, None, result, note, counted=lr != 1.0)
        )
    for obs, w in members:
        tally.add(maneuver_item(obs, w, counted=False, note=member_note))
    return ClusterStatus(
        cluster.code,
        cluster.condition,
        positive,
        tested,
        cluster.threshold,
        met,
        members=size,
        decided=met or ruled_out,
    )


def _related_alone(cluster: Cluster, related: list[tuple[Observation, Weight]], tally: Tally) -> None:
    """Count the strongest recorded related test on its own; any other is its correlated twin (rule 11)."""
    if not related:
        return
    strength = [abs(math.log(w.lr_for(obs.result is Result.POSITIVE)[0])) for obs, w in related]
    best = strength.index(max(strength))
    for i, (obs, weight) in enumerate(related):
        note = "counts on its own: no member of its cluster is recorded" if i == best else "not multiplied: correlated"
        tally.add(maneuver_item(obs, weight, counted=i == best, note=note))


def _within(source: str | None, how: str) -> str:
    """Say which cluster absorbed a member, by its citation ("the Laslett 2005 cluster"), never by its code."""
    return f"{how} within the {source} cluster" if source else f"{how} within its cluster"


def _pick_apply(index: ProtocolIndex, group: PickGroup, counted: dict[str, Observation], tally: Tally) -> None:
    """Count only the recorded member with the largest |ln LR|; ties go to the first in protocol order."""
    candidates = []
    for code in group.members:
        weight = index.weight_of.get((code, group.condition))
        if code in counted and weight is not None:
            lr = weight.lr_for(counted[code].result is Result.POSITIVE)[0]
            candidates.append((counted[code], weight, abs(math.log(lr))))
    if not candidates:
        return
    best, _, best_strength = max(candidates, key=lambda c: c[2])  # max keeps the first of equals
    maneuvers = index.protocol.maneuvers
    names = ", ".join(maneuvers[m].name for m in group.members if m in maneuvers)
    for obs, weight, _ in candidates:
        if obs is best and best_strength > 0:
            tally.add(maneuver_item(obs, weight, note=f"strongest of correlated tests ({names})"))
        else:
            carried = f"not multiplied: {maneuvers[best.maneuver].name} carries the correlated tests ({names})"
            tally.add(maneuver_item(obs, weight, counted=False, note=carried if best_strength > 0 else ""))


def counted_for(
    counted: dict[str, Observation], condition: str, aside: frozenset[tuple[str, str]]
) -> dict[str, Observation]:
    """Return the observations that may count for one condition: all but those its pain site sets aside."""
    if not aside:
        return counted
    return {code: obs for code, obs in counted.items() if (code, condition) not in aside}


def clusters_apply(
    index: ProtocolIndex,
    counted: dict[str, Observation],
    tallies: dict[str, Tally],
    aside: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[ClusterStatus, ...]:
    """Score every cluster and correlated group into its condition's tally; return each cluster's status.

    `aside`: (maneuver, condition) pairs the pain site points away from (rule 11), not counted for that condition.
    """
    statuses: dict[str, ClusterStatus] = {}
    for scored in index.scored:
        condition = scored.cluster.condition
        own = counted_for(counted, condition, aside)
        statuses[scored.cluster.code] = _scored_apply(index, scored, own, tallies[condition])
    for group in index.picks:
        _pick_apply(index, group, counted_for(counted, group.condition, aside), tallies[group.condition])
    for cluster in index.protocol.clusters.values():
        if cluster.code not in statuses:
            positive, tested = cluster_count(cluster, counted_for(counted, cluster.condition, aside))
            met = cluster.threshold is not None and positive >= cluster.threshold
            statuses[cluster.code] = ClusterStatus(
                cluster.code, cluster.condition, positive, tested, cluster.threshold, met, members=len(cluster.members)
            )
    return tuple(statuses[code] for code in index.protocol.clusters)
