"""Which recorded red flags count, as the evidence words them (1.1.0), and which findings imply a flag.

Night pain counts only with another flag (harding2005); both-leg symptoms route as an emergency only when new
(not with the long-standing history item) unless a cauda equina sign joins (cornwall_lbp). A flag's picture
found by examination (a sudden pop with a thigh bruise, claudication with an absent pulse) raises the flag even
when its question was not ticked, so the time-critical mimics are always routed. Half the picture (a sudden pop
with nothing else yet recorded, claudication before the pulses are felt) makes the flag *suspected*: it does not
route, but the tests it makes unsafe are marked and the tests that would settle it come first (rule 12: "some
tests are unsafe when a flag is suspected"). Releases without these rules (1.0.0) count every recorded flag.
"""

from __future__ import annotations

from .observe import Observations
from .types import ExamInput, Protocol, RedFlag, Result


def _present(code: str, exam: ExamInput, observations: Observations) -> bool:
    observed = observations.counted.get(code)
    return code in exam.symptoms or (observed is not None and observed.result is Result.POSITIVE)


def _implied(flag: RedFlag, exam: ExamInput, observations: Observations) -> bool:
    rule = flag.implied_by
    if rule is None:
        return False
    every = all(_present(code, exam, observations) for code in rule.all)
    return every and (not rule.any or any(_present(code, exam, observations) for code in rule.any))


def code_words(protocol: Protocol, code: str) -> str:
    """Say a history item or maneuver code in the release's words (engine sentences carry labels, not codes)."""
    if code in protocol.maneuvers:
        return protocol.maneuvers[code].name
    labels = protocol.labels
    found = labels.symptoms.get(code) if labels is not None else None
    return found.label if found is not None else code.replace("_", " ")


def flag_words(flag: RedFlag) -> str:
    """Name a red flag in its lay words, as the screens and letters do."""
    return f'"{flag.lay_words.rstrip(".")}"'


def flags_suspected(
    protocol: Protocol, exam: ExamInput, observations: Observations, counted: frozenset[str]
) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the flags whose defining history is present but whose confirming sign is not (yet), with a note each.

    A suspected flag does not route (its picture is incomplete), but rule 12 applies from suspicion: the tests
    it makes unsafe are marked and left out of the suggestions, and its confirming tests are offered first.
    """
    suspected: set[str] = set()
    notes: list[str] = []
    for code, flag in protocol.red_flags.items():
        rule = flag.implied_by
        if code in counted or rule is None or not rule.all or not rule.any:
            continue
        if all(_present(c, exam, observations) for c in rule.all):
            suspected.add(code)
            seen = ", ".join(code_words(protocol, c) for c in rule.all)
            check = ", ".join(code_words(protocol, c) for c in flag.confirm_with)
            notes.append(
                f"Suspected red flag {flag_words(flag)} ({seen}): not routed until "
                f"{' or '.join(code_words(protocol, c) for c in rule.any)} is found; check {check} first, and "
                "leave out the tests marked unsafe."
            )
    return frozenset(suspected), tuple(notes)


def flags_escalated(
    protocol: Protocol, exam: ExamInput, counted: frozenset[str]
) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the counted flags that lead at a graver level because their named company is present, with notes.

    A flag's own referral words can name a graver route ("an emergency if systemically unwell, diabetic or
    immunosuppressed", sahnan2017): the release says which flags or history items bring it on.
    """
    escalated: set[str] = set()
    notes: list[str] = []
    for code in sorted(counted):
        rule = protocol.red_flags[code].escalate
        if rule is None:
            continue
        company = [c for c in rule.with_flags if c in counted] + [c for c in rule.with_symptoms if c in exam.symptoms]
        if company:
            escalated.add(code)
            said = ", ".join(
                flag_words(protocol.red_flags[c]) if c in protocol.red_flags else code_words(protocol, c)
                for c in company
            )
            notes.append(
                f"Red flag {flag_words(protocol.red_flags[code])} leads as {rule.level} with {said}: {rule.why}"
            )
    return frozenset(escalated), tuple(notes)


def flags_counted(
    protocol: Protocol, exam: ExamInput, observations: Observations
) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the red flags that count for this exam, and a note for each flag added or left out."""
    notes: list[str] = []
    flags = set(exam.red_flags)
    for code, flag in protocol.red_flags.items():
        implied = flag.implied_by
        if code not in flags and implied is not None and _implied(flag, exam, observations):
            flags.add(code)
            found = ", ".join(
                code_words(protocol, c) for c in (*implied.all, *implied.any) if _present(c, exam, observations)
            )
            notes.append(f"Red flag {flag_words(flag)} raised by the recorded findings ({found}): {implied.why}")
    for code in list(flags):
        rule = protocol.red_flags[code].requires
        if rule is None or not rule.absent_symptoms:
            continue
        joined = flags & set(rule.unless_flags)
        if any(s in exam.symptoms for s in rule.absent_symptoms) and not joined:
            flags.discard(code)
            words = flag_words(protocol.red_flags[code])
            notes.append(f"Red flag {words} recorded with a long-standing history item: not routed. {rule.why}")
    needs_company = {c: r for c in flags if (r := protocol.red_flags[c].requires) is not None and r.another_flag}
    if not flags - set(needs_company):
        for code, rule in sorted(needs_company.items()):
            flags.discard(code)
            words = flag_words(protocol.red_flags[code])
            notes.append(f"Red flag {words} recorded without another flag: not routed. {rule.why}")
    return frozenset(flags), tuple(notes)
