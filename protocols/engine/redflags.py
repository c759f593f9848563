"""Red flags are gates, not likelihoods (REFERENCE.md rule 1).

Any present flag means a referral whatever the maneuvers say, and its suspected condition leads the
differential. Their published accuracy is low both ways, so an absent flag never lowers anything.
"""

from __future__ import annotations

from .index import ProtocolIndex, lr_clamp, source_short
from .likelihood import Tally
from .types import Basis, EvidenceItem, Level, Protocol, RedFlag, UrgentReferral

LEVELS = (Level.EMERGENCY, Level.URGENT)  # highest first


def _present(protocol: Protocol, red_flags: frozenset[str]) -> list[RedFlag]:
    return [flag for code, flag in protocol.red_flags.items() if code in red_flags]


def flag_level(flag: RedFlag, escalated: frozenset[str] = frozenset()) -> Level:
    """Return the level a present flag leads at: its own, or its escalation's when its company is present."""
    if flag.code in escalated and flag.escalate is not None:
        return Level(flag.escalate.level)
    return flag.level


def urgent_referral_build(
    protocol: Protocol, red_flags: frozenset[str], escalated: frozenset[str] = frozenset()
) -> UrgentReferral | None:
    """Return the referral for the highest level among present flags, or None when none is present."""
    present = _present(protocol, red_flags)
    if not present:
        return None
    level = next(lvl for lvl in LEVELS if any(flag_level(f, escalated) is lvl for f in present))
    top = [f for f in present if flag_level(f, escalated) is level]
    referral = "; ".join(dict.fromkeys(f.referral for f in top))
    return UrgentReferral(level, tuple(f.code for f in present), referral, top[0].suggests)


def red_flag_heads(
    protocol: Protocol, red_flags: frozenset[str], escalated: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Return the conditions suggested by present flags, emergency before urgent, to head the differential."""
    present = _present(protocol, red_flags)
    heads = [
        f.suggests
        for lvl in LEVELS
        for f in present
        if flag_level(f, escalated) is lvl and f.suggests in protocol.conditions
    ]
    return tuple(dict.fromkeys(heads))


def red_flags_apply(index: ProtocolIndex, red_flags: frozenset[str], tallies: dict[str, Tally]) -> None:
    """Add each present flag to its condition, multiplying by its published LR+ where the protocol has one."""
    protocol = index.protocol
    for flag in _present(protocol, red_flags):
        tally = tallies.get(flag.suggests)
        if tally is None:
            continue
        acc = flag.accuracy
        if acc is not None and acc.lr_pos is not None and acc.lr_pos > 0:
            lr, basis, source = lr_clamp(acc.lr_pos, protocol.thresholds), acc.basis, acc.source
            note = f"{flag.level.value} red flag; published LR+ {acc.lr_pos:g}"
        else:
            lr, basis, source = 1.0, Basis.PUBLISHED, flag.source
            note = f"{flag.level.value} red flag: leads by rule; no usable published accuracy"
        tally.add(
            EvidenceItem("red_flag", flag.code, lr, basis, source_short(protocol, source), note=note, counted=lr != 1.0)
        )
