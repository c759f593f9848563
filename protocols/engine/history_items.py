"""History items as cluster members (REFERENCE rule 9): symptoms ticked, and items computed from age and duration.

A ticked symptom is present. An unticked one counts as absent only once a history was taken (any symptom
recorded), since an empty history means "not asked", not "no". Age items need the exam's `age` and/or
`duration_weeks` (age at onset = age - duration); without them they are not recorded, except that a patient
younger than an onset bound began younger than it too, whatever the duration.
"""

from __future__ import annotations

from .observe import Observation
from .rules import AgeItem
from .types import ExamInput, Protocol, Result

WEEKS_PER_YEAR = 52.1775


def age_item_holds(item: AgeItem, age: int | None, duration_weeks: int | None) -> bool | None:
    """Return whether every bound of the item holds, or None when a value it needs was not recorded."""
    checks: list[bool] = []
    if item.age_over is not None or item.age_under is not None or item.onset_under is not None:
        if age is None:
            return None
        if item.age_over is not None:
            checks.append(age > item.age_over)
        if item.age_under is not None:
            checks.append(age < item.age_under)
    if item.onset_under is not None and age is not None:  # age is known here: checked above
        if duration_weeks is not None:
            checks.append(age - duration_weeks / WEEKS_PER_YEAR < item.onset_under)
        elif age < item.onset_under:
            checks.append(True)  # the pain cannot have begun later than today's age, whatever its duration
        else:
            return None
    if item.duration_at_least is not None or item.duration_under is not None:
        if duration_weeks is None:
            return None
        if item.duration_at_least is not None:
            checks.append(duration_weeks >= item.duration_at_least)
        if item.duration_under is not None:
            checks.append(duration_weeks < item.duration_under)
    return all(checks)


def age_items_present(protocol: Protocol, exam: ExamInput) -> dict[str, bool]:
    """Return each age item that can be decided from this exam, True when it holds."""
    out = {}
    for code, item in protocol.age_items.items():
        holds = age_item_holds(item, exam.age, exam.duration_weeks)
        if holds is not None:
            out[code] = holds
    return out


def history_observations(protocol: Protocol, exam: ExamInput) -> dict[str, Observation]:
    """Return symptoms and age items as observations, so history clusters count them like maneuvers."""
    out: dict[str, Observation] = {}
    if exam.symptoms:
        for code in protocol.symptoms:
            result = Result.POSITIVE if code in exam.symptoms else Result.NEGATIVE
            out[code] = Observation(code, result, None, "history item")
    for code, holds in age_items_present(protocol, exam).items():
        out[code] = Observation(code, Result.POSITIVE if holds else Result.NEGATIVE, None, "from age and duration")
    return out
