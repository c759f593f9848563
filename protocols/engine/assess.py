"""The single entry point: exam findings in, working diagnosis, differential and next maneuvers out."""

from __future__ import annotations

from .clusters import clusters_apply
from .errors import EngineInputError, FieldError
from .flag_rules import flags_counted, flags_escalated, flags_suspected
from .history import history_apply
from .history_items import history_observations
from .index import ProtocolIndex, index_get, source_short
from .likelihood import Tally, independent_apply, items_sort_key, probability_from
from .naming import working_diagnosis
from .next_step import confirmations_build, suggestions_build, suspicion_checks, unsafe_marks
from .observe import observations_build
from .redflags import red_flag_heads, red_flags_apply, urgent_referral_build
from .sites import site_items_add, site_tilt
from .types import Assessment, Basis, ClusterStatus, DifferentialEntry, EvidenceItem, ExamInput, Protocol, Result

JUDGEMENT_CITATION = "judgement (protocol authors)"


def _canonical(index: ProtocolIndex, exam: ExamInput) -> ExamInput:
    """Sort the exam into protocol order so the result never depends on the order findings arrive in."""
    unknown = sorted({f.maneuver for f in exam.findings if f.maneuver not in index.maneuver_order})
    if unknown:
        raise EngineInputError([FieldError(("findings",), f"Unknown maneuver code {c!r}.") for c in unknown])
    findings = sorted(exam.findings, key=lambda f: (index.maneuver_order[f.maneuver], f.side or "", f.result))
    regions = sorted(set(exam.pain_regions), key=lambda r: (index.positions.get(("region", r.region), 0), r.side))
    return ExamInput(
        tuple(findings),
        exam.affected_side,
        exam.red_flags,
        tuple(regions),
        exam.symptoms,
        exam.age,
        exam.duration_weeks,
    )


def _supports(item: EvidenceItem) -> bool:
    """Place an item by the direction of its weight; a neutral item goes by its result."""
    if item.lr != 1.0:
        return item.lr > 1.0
    return item.result is not Result.NEGATIVE


def _citations(index: ProtocolIndex, prior_source: str | None, items: list[EvidenceItem]) -> tuple[str, ...]:
    """List every source used for a condition: its prior anchor first, then each weight that counted."""
    cited = [source_short(index.protocol, prior_source)] if prior_source else []
    for item in items:
        # A red flag leads by rule even when it carries no usable LR, so its source is always cited.
        if item.counted or item.kind == "red_flag":
            cited.append(item.source or (JUDGEMENT_CITATION if item.basis is Basis.JUDGEMENT else None))
    unique = tuple(dict.fromkeys(c for c in cited if c))
    return unique or (JUDGEMENT_CITATION,)


def _entry(index: ProtocolIndex, code: str, tally: Tally) -> DifferentialEntry:
    condition = index.protocol.conditions[code]
    items = tally.items if len(tally.items) < 2 else sorted(tally.items, key=lambda i: items_sort_key(index, i))
    supporting: list[EvidenceItem] = []
    against: list[EvidenceItem] = []
    for item in items:
        (supporting if _supports(item) else against).append(item)
    return DifferentialEntry(
        condition=code,
        label=condition.label,
        probability=probability_from(condition.prior, tally.log_lr),
        prior=condition.prior,
        supporting=tuple(supporting),
        against=tuple(against),
        evidence=_citations(index, condition.prior_source, items),
        icd10=condition.icd10,
    )


def _absorbed(index: ProtocolIndex, statuses: tuple[ClusterStatus, ...]) -> frozenset[tuple[str, str]]:
    """Return (history item, condition) pairs a decided cluster counts: its LR replaces their factors (rule 9)."""
    clusters = index.protocol.clusters
    return frozenset((m, s.condition) for s in statuses if s.decided for m in clusters[s.code].members)


def assess(protocol: Protocol, exam: ExamInput) -> Assessment:
    """Assess one exam against one protocol; pure, deterministic and independent of input order."""
    index = index_get(protocol)
    exam = _canonical(index, exam)
    observations = observations_build(protocol, exam)
    flags, flag_notes = flags_counted(protocol, exam, observations)
    suspected, suspicion_notes = flags_suspected(protocol, exam, observations, flags)
    escalated, escalation_notes = flags_escalated(protocol, exam, flags)
    unsafe = unsafe_marks(protocol, flags, suspected)
    tallies = {code: Tally() for code in protocol.conditions}
    red_flags_apply(index, flags, tallies)
    tilt = site_tilt(index, exam, observations)
    everything = {**history_observations(protocol, exam), **observations.counted}
    statuses = clusters_apply(index, everything, tallies, tilt.aside)
    independent_apply(index, observations.counted, tallies, tilt.aside)
    site_items_add(tilt, tallies)
    heads = red_flag_heads(protocol, flags, escalated)
    history_apply(index, exam, observations.affected_side, tallies, frozenset(heads), _absorbed(index, statuses))
    entries = {code: _entry(index, code, tally) for code, tally in tallies.items()}
    order = index.condition_order
    rest = sorted((e for c, e in entries.items() if c not in heads), key=lambda e: (-e.probability, order[e.condition]))
    if flags:
        # A red flag stops the provocation exam (rule 12): only tests that confirm the flag's route are offered.
        suggestions = confirmations_build(index, observations, flags, escalated)
    else:
        candidates = [(e.condition, e.probability) for e in rest if e.condition not in index.flagged]
        top = candidates[: protocol.thresholds.suggest_candidates]
        unsafe_codes = frozenset(m.maneuver for m in unsafe)
        checks = suspicion_checks(index, observations, suspected, unsafe_codes)
        suggestions = suggestions_build(index, observations, statuses, top, checks, unsafe_codes)
    return Assessment(
        protocol_code=protocol.code,
        protocol_version=protocol.version,
        urgent_referral=urgent_referral_build(protocol, flags, escalated),
        working_diagnosis=heads[0] if heads else working_diagnosis(index, rest, statuses),
        differential=tuple([entries[c] for c in heads] + rest),
        clusters=statuses,
        suggested_next=suggestions,
        disclaimer=protocol.disclaimer,
        notes=(*flag_notes, *escalation_notes, *suspicion_notes, *observations.notes),
        flagged=heads,
        unsafe_tests=unsafe,
    )
