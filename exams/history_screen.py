"""The history step's controls, prepared in Python: buttons for what is tapped, short fields for what is typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from exams.assessment import exam_age, exam_duration_weeks
from exams.controls import Choice
from exams.history import FIELDS, SCORE_MAX, WEEKS_MAX, Kind
from exams.models import Exam, ExamHistory

# The order a physiotherapist asks in, in six short groups.
SECTIONS = (
    ("onset", "Onset", ("onset", "mechanism")),
    ("since", "Time since onset", ("onset_date", "onset_weeks")),
    ("pain", "Pain", ("pain_now", "pain_worst")),
    ("factors", "What makes it worse or better", ("aggravating", "easing")),
    (
        "function",
        "Function (patient-specific scale)",
        ("activity_1", "activity_1_score", "activity_2", "activity_2_score"),
    ),
    ("background", "Treatment and background", ("treatment", "medication", "relevant_history")),
)
SECTION_OF = {name: code for code, _, names in SECTIONS for name in names}


@dataclass(frozen=True, slots=True)
class HistoryControl:
    """One history field as its own small autosaving form; `value` is the stored value as the input shows it."""

    name: str
    label: str
    kind: str
    value: str
    hint: str
    key: str
    choices: list[Choice] = field(default_factory=list)
    max_length: int = 0
    limit: str = ""  # the input's max: today for the onset date, 2600 for weeks
    note: str = ""

    @property
    def typed(self) -> bool:
        """Typed fields save when left (on change); tapped ones save on the tap."""
        return not self.choices


@dataclass(slots=True)
class HistorySection:
    code: str
    title: str
    controls: list[HistoryControl]


@dataclass(slots=True)
class HistoryScreen:
    sections: list[HistorySection]
    since_text: str  # "About 6 weeks since onset", or what is missing
    age_text: str


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def history_control(history: ExamHistory | None, name: str, notes: dict[str, str] | None = None) -> HistoryControl:
    """Build one control from the stored row (None: nothing recorded yet); `notes` carries saved or conflict text."""
    spec = FIELDS[name]
    value = _shown(getattr(history, name) if history is not None else None)
    key = f"history-{name}"
    choices: list[Choice] = []
    if spec.kind is Kind.SCORE:
        choices = [Choice("value", str(n), str(n), "", value == str(n), f"{key}-{n}") for n in range(SCORE_MAX + 1)]
    elif spec.kind is Kind.CHOICE:
        choices = [
            Choice("value", code, label, "✓" if value == code else "○", value == code, f"{key}-{code}")
            for code, label in spec.choices
        ]
    limit = {Kind.DATE: timezone.localdate().isoformat(), Kind.WEEKS: str(WEEKS_MAX)}.get(spec.kind, "")
    saved = history is not None and name in history.revisions
    return HistoryControl(
        name=name,
        label=spec.label,
        kind=spec.kind.value,
        value=value,
        hint=spec.hint,
        key=key,
        choices=choices,
        max_length=spec.max_length,
        limit=limit,
        note=(notes or {}).get(key, "✓ Saved" if saved else ""),
    )


def since_text(exam: Exam, history: ExamHistory | None) -> str:
    weeks = exam_duration_weeks(exam, history)
    if weeks is None:
        return "Time since onset not recorded yet."
    if history is not None and history.onset_date is not None:
        return f"{weeks} week{'s' if weeks != 1 else ''} since onset on the exam date."
    return f"{weeks} week{'s' if weeks != 1 else ''} since onset, as the patient recalls."


def history_screen_build(exam: Exam, history: ExamHistory | None, notes: dict[str, str] | None = None) -> HistoryScreen:
    age = exam_age(exam)
    return HistoryScreen(
        sections=[
            HistorySection(code, title, [history_control(history, name, notes) for name in names])
            for code, title, names in SECTIONS
        ],
        since_text=since_text(exam, history),
        age_text=f"Age {age} on the exam date (from the date of birth)." if age is not None else "",
    )


@dataclass(frozen=True, slots=True)
class HistoryLine:
    label: str
    text: str


def _score_text(value: int | None) -> str:
    return "" if value is None else f"{value}/10"


def _activity(name: str, score: int | None) -> str:
    if not name and score is None:
        return ""
    return " ".join(part for part in (name or "Activity", _score_text(score)) if part)


def history_lines(exam: Exam, history: ExamHistory | None) -> list[HistoryLine]:
    """The recorded history as short labelled lines for the summary and the letters; empty fields are left out."""
    if history is None:
        return []
    weeks = exam_duration_weeks(exam, history)
    since = ""
    if weeks is not None:
        since = f"{weeks} week{'s' if weeks != 1 else ''}"
        since += f" (onset {history.onset_date:%-d %b %Y})" if history.onset_date else " (as the patient recalls)"
    pain = ", ".join(
        f"{text} {when}"
        for text, when in ((_score_text(history.pain_now), "now"), (_score_text(history.pain_worst), "at worst"))
        if text
    )
    onset = ": ".join(
        part for part in (history.get_onset_display() if history.onset else "", history.mechanism) if part
    )
    function = "; ".join(
        text
        for text in (
            _activity(history.activity_1, history.activity_1_score),
            _activity(history.activity_2, history.activity_2_score),
        )
        if text
    )
    lines = [
        ("Onset", onset),
        ("Time since onset", since),
        ("Pain", pain),
        ("Worse with", history.aggravating),
        ("Eased by", history.easing),
        ("Function (0 unable, 10 as before)", function),
        ("Treatment so far", history.treatment),
        ("Medication", history.medication),
        ("Relevant history", history.relevant_history),
    ]
    return [HistoryLine(label, text) for label, text in lines if text]
