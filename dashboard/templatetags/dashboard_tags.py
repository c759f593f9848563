"""Links from a figure to the exams behind it, and spans written the way a lead reads them."""

from __future__ import annotations

import datetime as dt

from django import template
from django.urls import reverse

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


@register.filter
def since(value: dt.datetime | None, now: dt.datetime) -> str:
    return span(now - value) if value else "–"


@register.filter
def flag_words(codes: str | None, vocab: Vocabulary) -> str:
    return vocab.flag_words(codes)
