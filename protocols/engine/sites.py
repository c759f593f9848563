"""Where the pain is felt decides what a hip-loading position tests (REFERENCE.md rule 11).

FAIR, the seated piriformis stretch and FADIR all load the hip in flexion, adduction and internal rotation, so a
positive one does not say by itself which structure hurts: "groin or front of the hip points to the hip joint,
deep buttock to the deep gluteal space". A family's `site_targets` maps each site (a pain region) to the
conditions it points to. When the pain map, read on the affected side, marks exactly one of the family's sites,
a positive member supports only that site's conditions: its weight for the conditions another site points to is
set aside, shown to the clinician but not multiplied. Martin's deep gluteal cluster agrees: it counts a seated
stretch that "reproduces the buttock pain" (martin2014), not one that brings on groin pain.

Two readings are ours (judgement), since the rule speaks of where provoked pain is felt: a map marking both
sites, or neither, decides nothing, so every weight counts as before; and a negative result is never tilted,
because a position that provokes nothing has no site and still argues against each structure it loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import ProtocolIndex
from .likelihood import Tally
from .observe import Observation, Observations
from .rules import Family
from .types import Basis, EvidenceItem, ExamInput, Result

RULE = "REFERENCE rule 11"


@dataclass(frozen=True, slots=True)
class SiteTilt:
    """The (maneuver, condition) weights the pain site sets aside, and the items that show why."""

    aside: frozenset[tuple[str, str]]
    shown: tuple[tuple[str, EvidenceItem], ...]  # (condition, item) added to that condition's evidence, unweighted


NO_TILT = SiteTilt(frozenset(), ())


def _site(family: Family, marked: set[str]) -> str | None:
    """Return the one site of the family the pain map marks, or None when it marks none or several."""
    sites = [region for region in family.site_targets if region in marked]
    return sites[0] if len(sites) == 1 else None


def _region_words(index: ProtocolIndex, region: str) -> str:
    """Return the release's words for a region, as the body chart shows them, to use inside a sentence."""
    labels = index.protocol.labels
    found = labels.regions.get(region) if labels is not None else None
    return found.label.lower() if found is not None else region.replace("_", " ")


def site_tilt(index: ProtocolIndex, exam: ExamInput, observations: Observations) -> SiteTilt:
    """Decide, for every family with sites, which positive members the pain map points away from a condition."""
    families = [f for f in index.protocol.families if f.site_targets]
    if not families:
        return NO_TILT
    affected = observations.affected_side
    marked = {r.region for r in exam.pain_regions if affected is None or r.side is affected}
    aside: set[tuple[str, str]] = set()
    shown: list[tuple[str, EvidenceItem]] = []
    for family in families:
        site = _site(family, marked)
        if site is None:
            continue
        targets = family.site_targets[site]
        elsewhere = {c for region, cs in family.site_targets.items() if region != site for c in cs} - set(targets)
        where = f"familiar pain in the {_region_words(index, site)}"
        others = " or ".join(_region_words(index, r) for r in family.site_targets if r != site)
        for member in family.members:
            observation = observations.counted.get(member)
            if observation is None or observation.result is not Result.POSITIVE:
                continue
            weighted = {w.condition: w for w in index.weights.get(member, ())}
            for condition in sorted(elsewhere & set(weighted), key=index.condition_order.__getitem__):
                aside.add((member, condition))
                lr_pos = weighted[condition].lr_pos
                weight = f"its LR+ {lr_pos:g} here is set aside" if lr_pos != 1.0 else "not counted here"
                note = f"{where}, not the {others}: {weight} ({RULE})"
                shown.append((condition, _shown(observation, note)))
            for condition in targets:
                if condition not in weighted:
                    note = f"{where} points here ({RULE}); no published accuracy for this condition, so not weighted"
                    shown.append((condition, _shown(observation, note)))
    return SiteTilt(frozenset(aside), tuple(shown))


def _shown(observation: Observation, note: str) -> EvidenceItem:
    """A positive shown under a condition with no weight: the rule's reading, not a published figure."""
    return EvidenceItem(
        kind="maneuver",
        code=observation.maneuver,
        lr=1.0,
        basis=Basis.JUDGEMENT,
        source=None,
        side=observation.side,
        result=Result.POSITIVE,
        note=note,
        counted=False,
    )


def site_items_add(tilt: SiteTilt, tallies: dict[str, Tally]) -> None:
    """Show each set-aside or pointed-to positive in its condition's evidence, carrying no weight."""
    for condition, item in tilt.shown:
        if condition in tallies:
            tallies[condition].add(item)
