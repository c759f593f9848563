"""The history taken at the exam, as the letter's "History" rows: whatever the exam's history step recorded.

The rows are read from the history model's own fields (verbose names as labels, choice labels as values), so a
field added to the history step reaches the letter without a second list to keep in step here. An exam recorded
before the history step existed simply has no rows, and the letter says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

SKIP = {"id", "exam", "revision", "revisions", "created_at", "updated_at", "version"}
# Fields the letter words together rather than one row each (exams.models.ExamHistory).
GROUPED = {"onset", "mechanism", "onset_date", "onset_weeks", "pain_now", "pain_worst"} | {
    f"activity_{i}{suffix}" for i in (1, 2) for suffix in ("", "_score")
}
HISTORY_ATTRS = ("history", "exam_history")  # the one-to-one accessor of the history step's model


@dataclass(frozen=True, slots=True)
class HistoryRow:
    label: str
    text: str


def _history_object(exam: Any) -> models.Model | None:
    for attr in HISTORY_ATTRS:
        try:
            found = getattr(exam, attr, None)
        except ObjectDoesNotExist:  # the exam has no history row yet
            found = None
        if isinstance(found, models.Model):
            return found
    return None


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if _text(v))
    if isinstance(value, Iterable) and not isinstance(value, str):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    return " ".join(str(value).split())


def _field_text(obj: models.Model, field: models.Field[Any, Any]) -> str:
    value = getattr(obj, field.attname)
    if field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, models.IntegerField) and "pain" in field.name and value is not None:
        return f"{value}/10"
    return _text(value)


def _score(value: Any) -> str:
    return f"{value}/10" if value is not None else ""


def _grouped(obj: models.Model) -> list[HistoryRow]:
    """Onset, pain and function as a doctor reads them: one line each."""
    rows = []
    get = obj.__dict__.get
    onset = [
        str(getattr(obj, "get_onset_display", lambda: get("onset"))()).lower() if get("onset") else "",
        _text(get("mechanism")),
        f"{get('onset_weeks')} weeks ago" if get("onset_weeks") is not None else "",
        f"since {_text(get('onset_date'))}" if get("onset_date") else "",
    ]
    if any(onset):
        rows.append(HistoryRow("Onset", ", ".join(part for part in onset if part)))
    pain = [
        f"{_score(get('pain_now'))} now" if get("pain_now") is not None else "",
        f"{_score(get('pain_worst'))} at worst" if get("pain_worst") is not None else "",
    ]
    if any(pain):
        rows.append(HistoryRow("Pain (0-10)", ", ".join(part for part in pain if part)))
    activities = [
        f"{_text(get(f'activity_{i}'))} {_score(get(f'activity_{i}_score'))}".strip()
        for i in (1, 2)
        if get(f"activity_{i}")
    ]
    if activities:
        rows.append(HistoryRow("Function (patient-specific scale: 0 unable, 10 as before)", "; ".join(activities)))
    return rows


def history_rows(exam: Any) -> tuple[HistoryRow, ...]:
    """Return the recorded history as (label, text) rows in the model's field order; empty fields are left out."""
    obj = _history_object(exam)
    if obj is None:
        return ()
    rows = _grouped(obj)
    for field in obj._meta.concrete_fields:
        if field.name in SKIP or field.name in GROUPED or field.is_relation:
            continue
        text = _field_text(obj, field)
        if text:
            rows.append(HistoryRow(str(field.verbose_name).capitalize(), text))
    return tuple(rows)
