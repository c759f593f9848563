"""The patient's history at the exam: which fields there are, how each value is checked, and what follows.

One table of fields serves the exam screen, the API and the letters, so a limit or a label is written once.
Values are checked here (not only in forms or serializers) so every caller gets the same refusal naming the field.
`duration_weeks` and `age_years` are what the engine reads (Cook's stenosis cluster, the ASAS criteria).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.errors import DomainError
from core.text import text_problem
from exams.models import Onset

SCORE_MAX = 10
WEEKS_MAX = 2600  # 50 years: the assess contract's bound for duration_weeks


class Kind(StrEnum):
    CHOICE = "choice"  # a few buttons
    SCORE = "score"  # 0-10 buttons
    DATE = "date"
    WEEKS = "weeks"
    LINE = "line"  # one line of text
    TEXT = "text"  # a few lines of text


@dataclass(frozen=True, slots=True)
class HistoryField:
    name: str
    label: str
    kind: Kind
    max_length: int = 0
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()


ONSET_CHOICES = tuple(Onset.choices)

FIELDS: dict[str, HistoryField] = {
    f.name: f
    for f in (
        HistoryField("onset", "Onset", Kind.CHOICE, choices=ONSET_CHOICES),
        HistoryField(
            "mechanism", "Mechanism", Kind.LINE, 300, "What happened, e.g. “felt a pop water-skiing”, “no injury”."
        ),
        HistoryField("onset_date", "Onset date", Kind.DATE, hint="If known; otherwise give the weeks since onset."),
        HistoryField("onset_weeks", "Weeks since onset", Kind.WEEKS, hint="When the date is not known."),
        HistoryField("pain_now", "Pain now", Kind.SCORE, hint="0 no pain, 10 worst imaginable."),
        HistoryField("pain_worst", "Pain at worst", Kind.SCORE, hint="In the last week."),
        HistoryField("aggravating", "What makes it worse", Kind.TEXT, 1000),
        HistoryField("easing", "What eases it", Kind.TEXT, 1000),
        HistoryField(
            "activity_1", "Activity 1", Kind.LINE, 100, "An activity the pain makes hard, in the patient's words."
        ),
        HistoryField("activity_1_score", "Activity 1 score", Kind.SCORE, hint="0 unable, 10 as before the problem."),
        HistoryField("activity_2", "Activity 2", Kind.LINE, 100),
        HistoryField("activity_2_score", "Activity 2 score", Kind.SCORE, hint="0 unable, 10 as before the problem."),
        HistoryField(
            "treatment", "Treatment so far", Kind.TEXT, 1000, "Who has treated it, with what, and the effect."
        ),
        HistoryField("medication", "Medication", Kind.TEXT, 1000),
        HistoryField(
            "relevant_history", "Relevant history", Kind.TEXT, 2000, "Past medical history that matters here."
        ),
    )
}
FIELD_NAMES = tuple(FIELDS)
# Setting one of these clears the other: the time since onset is known one way or the other, never both.
EITHER_OR = {"onset_date": "onset_weeks", "onset_weeks": "onset_date"}


def _int_parse(spec: HistoryField, raw: Any, top: int) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise DomainError(spec.name, f"{spec.label}: give a whole number from 0 to {top}.")
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise DomainError(spec.name, f"{spec.label}: give a whole number from 0 to {top}.") from None
    if not 0 <= value <= top:
        raise DomainError(spec.name, f"{spec.label} must be from 0 to {top} (it was {value}).")
    return value


def _date_parse(spec: HistoryField, raw: Any, *, today: dt.date, born: dt.date | None) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.date):
        value = raw
    else:
        try:
            value = dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise DomainError(spec.name, f"{spec.label}: enter the date as day, month and year.") from None
    if value > today:
        raise DomainError(spec.name, f"{spec.label} cannot be in the future.")
    if born is not None and value < born:
        raise DomainError(spec.name, f"{spec.label} cannot be before the date of birth.")
    return value


def history_value_parse(name: str, raw: Any, *, today: dt.date, born: dt.date | None = None) -> Any:
    """Check one value typed or tapped for field `name`; return it as stored, or raise DomainError naming it."""
    spec = FIELDS.get(name)
    if spec is None:
        raise DomainError("field", f"Unknown history field “{name}”.")
    if spec.kind is Kind.SCORE:
        return _int_parse(spec, raw, SCORE_MAX)
    if spec.kind is Kind.WEEKS:
        return _int_parse(spec, raw, WEEKS_MAX)
    if spec.kind is Kind.DATE:
        return _date_parse(spec, raw, today=today, born=born)
    text = "" if raw is None else str(raw).strip()
    if spec.kind is Kind.CHOICE:
        if text and text not in dict(spec.choices):
            words = " or ".join(label.lower() for _, label in spec.choices)
            raise DomainError(spec.name, f"{spec.label}: choose {words}.")
        return text
    if len(text) > spec.max_length:
        raise DomainError(spec.name, f"{spec.label}: keep this to {spec.max_length} characters (it has {len(text)}).")
    problem = text_problem(text, multiline=spec.kind is Kind.TEXT)
    if problem:
        raise DomainError(spec.name, f"{spec.label}: {problem}")
    return text


def history_changes_parse(changes: Mapping[str, Any], *, today: dt.date, born: dt.date | None = None) -> dict[str, Any]:
    """Check every change; setting the onset date clears the weeks and the other way round."""
    parsed = {name: history_value_parse(name, raw, today=today, born=born) for name, raw in changes.items()}
    for name, other in EITHER_OR.items():
        if parsed.get(name) is not None and other not in parsed:
            parsed[other] = None
    return parsed


def duration_weeks(*, onset_date: dt.date | None, onset_weeks: int | None, on: dt.date) -> int | None:
    """Whole weeks from onset to the exam date, from the date when known, else as the patient gave it."""
    if onset_date is not None:
        return min(WEEKS_MAX, max(0, (on - onset_date).days // 7))
    return onset_weeks


def age_years(*, born: dt.date, on: dt.date) -> int:
    """Age in whole years on the exam date (a 29 February birthday counts from 1 March in other years)."""
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - before_birthday
