"""Links from a figure to the exams behind it, and spans written the way a lead reads them."""

from __future__ import annotations

import datetime as dt

from django import template
from django.urls import reverse

from dashboard.durations import Band
from dashboard.filters import Filters
from dashboard.protocol_groups import Vocabulary

register = template.Library()


@register.simple_tag
def facet_url(filters: Filters, facet: str, value: object = "") -> str:
    """Return the exam list of one figure under the same filters."""
    return f"{reverse('dashboard:exam-list')}?{filters.query(facet=facet, value=str(value or ''))}"


@register.simple_tag
def export_url(filters: Filters) -> str:
    return f"{reverse('dashboard:export')}?{filters.query()}"


@register.filter
def span(value: dt.timedelta | None) -> str:
    """Write a duration as "3 d 4 h", "2 h 5 min" or "12 min"; none as an en dash."""
    if value is None:
        return "–"
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


UNITS = ((24 * 60, "d"), (60, "h"), (1, "min"))


def _in_unit(*bounds: dt.timedelta) -> str:
    """Band edges in the largest unit that writes them all whole ("60–75 min", "2–3 h", "1–2 d")."""
    minutes = [int(b.total_seconds() // 60) for b in bounds]
    size, unit = next((size, unit) for size, unit in UNITS if all(m % size == 0 for m in minutes))
    return "–".join(str(m // size) for m in minutes) + f" {unit}"


@register.filter
def band(value: Band | None) -> str:
    """Write a median's band as "20–25 min" or "1–2 d", "under 5 min", "over 14 d"; none as an en dash."""
    if value is None:
        return "–"
    if value.high is None:
        return f"over {_in_unit(value.low)}"
    if not value.low:
        return f"under {_in_unit(value.high)}"
    return _in_unit(value.low, value.high)


@register.filter
def since(value: dt.datetime | None, now: dt.datetime) -> str:
    return span(now - value) if value else "–"


@register.filter
def flag_words(codes: str | None, vocab: Vocabulary) -> str:
    return vocab.flag_words(codes)
