"""A period's counts: its whole months from the monthly rows, its partial first and last months from the day rows.

Why: over two years the day rows of a figure are some 700 per bar, and the page summed every one (on SQLite the
two-year page was 1.86x from 1k to 100k exams, bench/dashboard_bench.py). The month rows hold the same sums
(written from the same increments, dashboard.counts), so a long period reads about 24 rows per bar plus at most
two partial months of days, and a period inside one month reads the day rows as before. Both parts are summed
in one statement (UNION ALL), so the page's query count does not change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet, Sum

from dashboard.counts import month_of
from dashboard.filters import Filters
from dashboard.models import DailyClinicCount, DailyCount, MonthlyClinicCount, MonthlyCount


def whole_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The first days of the first whole month in [start, end] and of the month after the last; equal when none."""
    first = start if start.day == 1 else month_of(start.replace(day=28) + dt.timedelta(days=4))
    stop = month_of(end + dt.timedelta(days=1))
    return first, max(first, stop)


def _scoped(day_model: Any, month_model: Any, filters: Filters) -> tuple[QuerySet[Any], QuerySet[Any]]:
    scope: dict[str, Any] = {"clinic": filters.clinic}
    if filters.clinician is not None:
        scope["clinician"] = filters.clinician
    return day_model.objects.filter(**scope), month_model.objects.filter(**scope)


def period_sums(
    filters: Filters, fields: tuple[str, ...], *, per_clinician: bool = False, **narrow: Any
) -> Counter[Any]:
    """Return {values of `fields`: sum of n} over the period, narrowed further by `narrow` (figure__in=...).

    The whole team's sums read the clinic-wide tables, a sixth of the rows in a clinic of six; a chosen
    clinician, or `per_clinician` (the team table, which groups by clinician), the per-clinician ones.
    """
    clinic_wide = filters.clinician is None and not per_clinician
    models = (DailyClinicCount, MonthlyClinicCount) if clinic_wide else (DailyCount, MonthlyCount)
    days, months = _scoped(models[0], models[1], filters)
    start, end = filters.period.start, filters.period.end
    first, stop = whole_months(start, end)
    if first == stop:  # no whole month: the day rows alone, as for any short period
        parts = [days.filter(day__gte=start, day__lte=end)]
    else:
        edges = Q(day__gte=start, day__lt=first) | Q(day__gte=stop, day__lte=end)
        parts = [days.filter(edges), months.filter(month__gte=first, month__lt=stop)]
    grouped = [
        part.filter(**narrow).values(*fields).annotate(total=Sum("n")).values_list(*fields, "total").order_by()
        for part in parts
    ]
    rows = grouped[0].union(*grouped[1:], all=True) if len(grouped) > 1 else grouped[0]
    summed: Counter[Any] = Counter()
    for row in rows:
        summed[row[:-1] if len(fields) > 1 else row[0]] += row[-1]
    return summed
