"""One-vs-rest odds updates: each condition against all the others (REFERENCE.md rule 2).

Probabilities therefore need not sum to 1: conditions can co-exist, and each is read on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from .index import ProtocolIndex, Weight
from .observe import Observation
from .types import EvidenceItem, Result

# Keep priors off the 0/1 poles so the odds stay finite whatever the protocol data says.
_PRIOR_EPSILON = 1e-6
_KIND_ORDER = {"red_flag": 0, "cluster": 1, "maneuver": 2, "symptom": 3, "region": 4}


@dataclass(slots=True)
class Tally:
    """The running evidence for one condition: summed log LRs and every item shown to the clinician."""

    log_lr: float = 0.0
    items: list[EvidenceItem] = field(default_factory=list)

    def add(self, item: EvidenceItem) -> None:
        self.items.append(item)
        if item.counted:
            self.log_lr += math.log(item.lr)


def notes_join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


# Items are immutable and few (maneuver x condition x result x side), so repeated assessments reuse them.
@lru_cache(maxsize=4096)
def maneuver_item(observation: Observation, weight: Weight, *, counted: bool = True, note: str = "") -> EvidenceItem:
    """Describe one observed maneuver for one condition; a neutral LR is never counted."""
    lr, caveat = weight.lr_for(observation.result is Result.POSITIVE)
    return EvidenceItem(
        kind="maneuver",
        code=observation.maneuver,
        lr=lr,
        basis=weight.basis,
        source=weight.source,
        side=observation.side,
        result=observation.result,
        note=notes_join(observation.note, (caveat or "this result carries no weight") if lr == 1.0 else "", note),
        counted=counted and lr != 1.0,
    )


def independent_apply(
    index: ProtocolIndex,
    counted: dict[str, Observation],
    tallies: dict[str, Tally],
    aside: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """Multiply the LR of every observed maneuver that no cluster or correlated group absorbs.

    `aside`: (maneuver, condition) pairs the pain site points away from (rule 11); they are shown elsewhere.
    """
    for code, observation in counted.items():
        for weight in index.weights[code]:
            pair = (code, weight.condition)
            if pair not in index.grouped and pair not in aside:
                tallies[weight.condition].add(maneuver_item(observation, weight))


def probability_from(prior: float, log_lr: float) -> float:
    """Convert a prior and summed log likelihood ratios into a posterior probability."""
    p = min(max(prior, _PRIOR_EPSILON), 1 - _PRIOR_EPSILON)
    log_odds = math.log(p / (1 - p)) + log_lr
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


def items_sort_key(index: ProtocolIndex, item: EvidenceItem) -> tuple[int, int, str]:
    """Order evidence items by kind, then protocol order, then side, so output never depends on input order."""
    position = index.positions.get((item.kind, item.code), 0)
    return _KIND_ORDER.get(item.kind, 9), position, item.side.value if item.side else ""
