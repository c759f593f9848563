"""Symptoms and pain regions shift priors modestly (REFERENCE.md rule 8).

Most history features have a direction but no published likelihood ratio, so their product per condition is
bounded by thresholds.history_factor_min/max: the history can tilt a prior, never decide it.
"""

from __future__ import annotations

import math

from .history_items import age_items_present
from .index import ProtocolIndex, source_short
from .likelihood import Tally
from .types import EvidenceItem, ExamInput, Feature, Side


def _present(index: ProtocolIndex, exam: ExamInput, affected: Side | None) -> list[tuple[Feature, Side | None]]:
    """List the protocol features this history shows, symptoms first, each region once on its side."""
    present: list[tuple[Feature, Side | None]] = []
    for code in index.protocol.symptoms:
        if code in exam.symptoms:
            present += [(f, None) for f in index.features.get(("symptom", code), ())]
    seen: set[str] = set()
    for region in exam.pain_regions:
        if (affected is None or region.side is affected) and region.region not in seen:
            seen.add(region.region)
            side = region.side if affected is not None else None
            present += [(f, side) for f in index.features.get(("region", region.region), ())]
    # A region left out counts only when a pain map was drawn: an empty map means "not recorded", not "no pain".
    if seen:
        for code in index.protocol.regions:
            if code not in seen:
                present += [(f, affected) for f in index.features.get(("region_absent", code), ())]
    for code, holds in age_items_present(index.protocol, exam).items():
        if holds:
            present += [(f, None) for f in index.features.get(("age", code), ())]
    return present


def history_apply(
    index: ProtocolIndex,
    exam: ExamInput,
    affected: Side | None,
    tallies: dict[str, Tally],
    flagged: frozenset[str] = frozenset(),
    absorbed: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """Multiply each condition by its history features, with the product clamped to the protocol's range.

    `flagged`: conditions a counted red flag suggests (a feature with `requires_red_flag` counts only for them);
    `absorbed`: (item, condition) pairs a decided history cluster already counts, shown but not multiplied.
    """
    thresholds = index.protocol.thresholds
    by_condition: dict[str, list[tuple[Feature, Side | None]]] = {}
    for feature, side in _present(index, exam, affected):
        if feature.requires_red_flag and feature.condition not in flagged:
            continue
        if feature.condition in tallies:
            by_condition.setdefault(feature.condition, []).append((feature, side))
    low, high = math.log(thresholds.history_factor_min), math.log(thresholds.history_factor_max)
    for condition, features in by_condition.items():
        total = sum(math.log(f.factor) for f, _ in features if f.factor > 0 and (f.code, condition) not in absorbed)
        bounded = min(max(total, low), high)
        capped = "" if bounded == total else f"history shift for this condition capped at x{math.exp(bounded):.2f}"
        tally = tallies[condition]
        for feature, side in features:
            # Appended directly: the features' summed log LR is added once, after the clamp, below.
            inside = (feature.code, condition) in absorbed
            tally.items.append(
                EvidenceItem(
                    kind=feature.kind,
                    code=feature.code,
                    lr=feature.factor,
                    basis=feature.basis,
                    source=source_short(index.protocol, feature.source),
                    side=side,
                    note="; ".join(
                        n for n in (feature.note, capped, "counted within its cluster" if inside else "") if n
                    ),
                    counted=feature.factor != 1.0 and not inside,
                )
            )
        tally.log_lr += bounded
