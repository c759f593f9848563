"""The parts of a referral letter a doctor acts on: the red-flag screen, key findings, differential, requests.

Each builder reads the exam's rows, its stored assessment and the release's care content; none of them queries
more than the exam's own answers, and all return frozen rows (reports/document.py) for the template.
"""

from __future__ import annotations

from protocols.care import Care, ConditionCare
from protocols.engine.rules import Labels
from protocols.engine.types import Assessment, EvidenceItem, Protocol, Result
from protocols.words import evidence_words
from reports.document import (
    Advice,
    DifferentialRow,
    FindingLine,
    FindingRow,
    RedFlagScreen,
    RequestBlock,
    ScreenFlag,
)
from reports.letter_care import LetterCare
from reports.sections import advice_build
from reports.wording import condition_name, join_words, likelihood_words, percent


def red_flag_screen(answers: dict[str, bool], protocol: Protocol) -> RedFlagScreen:
    """State the screen truthfully: positive (which flags, in lay words, and why the route), negative, or partial."""
    total = len(protocol.red_flags)
    asked = sum(1 for code in protocol.red_flags if code in answers)
    flags = tuple(
        ScreenFlag(
            words=flag.lay_words,  # the protocol's neutral lay words; the care file's address the patient
            level=flag.level.value,
            route=flag.referral,
            why=_suggests(protocol, flag.suggests),  # the protocol's condition, never a fixed sentence per level
        )
        for code, flag in protocol.red_flags.items()
        if answers.get(code)
    )
    status = "positive" if flags else "negative" if asked == total else "incomplete"
    unasked = tuple(flag.lay_words for code, flag in protocol.red_flags.items() if code not in answers)
    return RedFlagScreen(
        status=status, asked=asked, total=total, flags=flags, screened=_screened(protocol, answers), unasked=unasked
    )


def _screened(protocol: Protocol, answers: dict[str, bool]) -> tuple[str, ...]:
    """Name the conditions this release's flags look for, in protocol order, each once, when every one of its
    questions was asked: a negative screen says what it ruled out, from the release the exam was recorded under."""
    by_condition: dict[str, bool] = {}
    for code, flag in protocol.red_flags.items():
        by_condition[flag.suggests] = by_condition.get(flag.suggests, True) and code in answers
    return tuple(
        condition_name(protocol.conditions[code].label if code in protocol.conditions else code.replace("_", " "))
        for code, all_asked in by_condition.items()
        if all_asked
    )


def _suggests(protocol: Protocol, condition: str) -> str:
    found = protocol.conditions.get(condition)
    return f"suggests {condition_name(found.label)}" if found else ""


def _finding_name(protocol: Protocol, words: Labels, item: EvidenceItem) -> str:
    said = evidence_words(protocol, words, item)
    return f"{said.what} ({said.side.lower()})" if said.side else said.what


def key_findings(
    assessment: Assessment, protocol: Protocol, words: Labels, rows: tuple[FindingRow, ...], codes: list[str]
) -> tuple[tuple[FindingLine, ...], ...]:
    """Return (positives, relevant negatives): every familiar-pain positive, and the negatives that told
    against one of the conditions the letter names (so a reader sees why each was judged less likely)."""
    positives = tuple(
        FindingLine(f"{row.maneuver} ({row.side.lower()})" if row.side else row.maneuver, "")
        for row in rows
        if row.positive and row.familiar_pain
    )
    entries = {e.condition: e for e in assessment.differential}
    negatives: dict[str, list[str]] = {}
    for code in codes:
        for item in entries[code].against if code in entries else ():
            if item.kind == "maneuver" and item.result in (Result.NEGATIVE, Result.POSITIVE):
                label = protocol.conditions[code].label if code in protocol.conditions else code
                negatives.setdefault(_finding_name(protocol, words, item), []).append(label.lower())
    lines = tuple(FindingLine(name, "against " + join_words(labels)) for name, labels in negatives.items())
    return positives, lines


def differential_rows(
    assessment: Assessment, protocol: Protocol, exclude: str, limit: int = 3
) -> tuple[DifferentialRow, ...]:
    """The next mechanical possibilities in words and whole percentages, never the engine's decimals."""
    rows = []
    for entry in assessment.differential:
        code = entry.condition
        if code == exclude or code not in protocol.conditions or protocol.conditions[code].red_flag_level:
            continue
        if code in assessment.flagged:
            continue  # a referral, not odds
        probability = entry.probability
        rows.append(
            DifferentialRow(protocol.conditions[code].label, percent(probability), likelihood_words(probability))
        )
        if len(rows) == limit:
            break
    return tuple(rows)


def requests_for(
    *,
    protocol: Protocol,
    care: Care,
    extra: LetterCare,
    recipient: str,
    plan: ConditionCare | None,
    diagnosis_code: str | None,
) -> RequestBlock:
    """What this letter asks of this recipient.

    From 1.1.0 the release says it per recipient: its own asks for this diagnosis, else the diagnosis's requests
    when the letter goes to the service they are written for, else the recipient's general asks with the named
    service's options listed as an onward referral to consider. 1.0.0 has only the diagnosis's requests.
    """
    if recipient in extra.recipients:
        return _recipient_requests(protocol, care, extra, recipient, plan, diagnosis_code)
    target = care.referral_targets[recipient]
    if plan is None:
        ask = Advice("Your assessment and advice on the next step; no single structure was identified.", (), True)
        return RequestBlock("", (ask,), "", ())
    if plan.referral_target == recipient:
        return RequestBlock("", advice_build(protocol, plan.requested_actions), "", ())
    onward = care.referral_targets[plan.referral_target]
    if target.code == "emergency_department":
        ask = Advice("Same-day assessment of the findings below.", (), True)
        return RequestBlock("", (ask,), onward.label, advice_build(protocol, plan.requested_actions))
    ask = Advice(
        f"Your review and, if you agree, referral to the {onward.label.lower()} service, whose options are listed "
        "below; please continue any medication review meanwhile.",
        (),
        True,
    )
    return RequestBlock("", (ask,), onward.label, advice_build(protocol, plan.requested_actions))


def _recipient_requests(
    protocol: Protocol,
    care: Care,
    extra: LetterCare,
    recipient: str,
    plan: ConditionCare | None,
    diagnosis_code: str | None,
) -> RequestBlock:
    entry = extra.recipients[recipient]
    own = entry.by_condition.get(diagnosis_code or "")
    if own is not None:
        return RequestBlock(entry.role, advice_build(protocol, own), "", ())
    if plan is not None and plan.referral_target == recipient:
        return RequestBlock(entry.role, advice_build(protocol, plan.requested_actions), "", ())
    if plan is None or plan.referral_target == care.recipient_rules["otherwise"]:  # the GP: no onward service
        return RequestBlock(entry.role, advice_build(protocol, entry.asks), "", ())
    onward = care.referral_targets[plan.referral_target].label
    return RequestBlock(
        entry.role, advice_build(protocol, entry.asks), onward, advice_build(protocol, plan.requested_actions)
    )


def meanwhile_lines(plan: ConditionCare | None, screen: RedFlagScreen, review_weeks: int | None) -> tuple[str, ...]:
    """What the physiotherapist does until the recipient has seen the patient, from the plan the patient holds."""
    lines = []
    if screen.status == "positive" or plan is None or not plan.programme.phases:
        lines.append("No exercise programme until you have assessed the patient.")
    else:
        phases = join_words([phase.name.lower() for phase in plan.programme.phases])
        lines.append(
            f"A written plan with advice and a graded home exercise programme in {len(plan.programme.phases)} "
            f"stages ({phases})."
        )
    lines.append("The cauda equina safety-net card, with what to do if any warning sign appears.")
    if review_weeks:
        lines.append(f"Physiotherapy review in {review_weeks} week{'s' if review_weeks != 1 else ''}.")
    return tuple(lines)
