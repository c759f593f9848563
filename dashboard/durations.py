"""Exam durations counted in bands, so the dashboard's medians are read from daily counts, not from exams.

Why bands: an exact median needs every value of the period sorted, so it cost the page time in proportion to
the exams it covered (bench/dashboard_bench.py: 26 ms of the 100k page's 37 ms of SQL). Counting each exam's
duration into a band on its day (dashboard.counts, figures DURATION and TO_SIGN) makes the median a walk over
at most len(BAND_EDGES) summed counts. The price is precision: the page shows the band the median falls in
("20–25 min"), never a number it does not know; the CSV export keeps each exam's exact times.

The bands follow what a lead asks: 5-minute steps through a typical exam (up to half an hour), coarser to two
hours, then the hours and days of "signed the same day, the next day, within the week".
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, FloatField, Func, Value, When
from django.db.models.functions import Round
from django.db.models.lookups import GreaterThanOrEqual

HOUR, DAY = 60, 24 * 60  # in minutes
# Lower edges in minutes; the last band is open-ended ("over 2 weeks").
BAND_EDGES = (
    *(0, 5, 10, 15, 20, 25, 30, 40, 50),
    *(HOUR, 75, 90, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR),
    *(DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY),
)


class Seconds(Func):
    """(end - start) in seconds, in the database's own arithmetic.

    Django's DurationField subtraction runs a Python function per row on SQLite (django_timestamp_diff), which
    over every exam of a clinic (the recount) is most of the query's time.
    """

    arity = 2
    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM (%(expressions)s))::double precision"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )


def band_of(span: dt.timedelta) -> str:
    """The band key (its lower edge in minutes) of one duration, as band_case computes it in the database.

    Whole seconds on both sides, so SQLite's julianday rounding cannot put an exam at an edge in another band.
    """
    seconds = max(0, round(span.total_seconds()))
    return str(BAND_EDGES[bisect_right(BAND_EDGES, seconds / 60) - 1])


def band_case(end: str, start: str = "started_at") -> Case:
    """The band key of (end - start) per row, in SQL: for the recount's grouped queries."""
    seconds = Round(Seconds(F(end), F(start)))
    whens = [When(GreaterThanOrEqual(seconds, edge * 60), then=Value(str(edge))) for edge in reversed(BAND_EDGES)]
    return Case(*whens, default=Value("0"))


@dataclass(frozen=True, slots=True)
class Band:
    """Where a median lies: from `low` up to `high` (None: no upper bound, the last band)."""

    low: dt.timedelta
    high: dt.timedelta | None


def _edges(key: str) -> tuple[dt.timedelta, dt.timedelta | None]:
    i = BAND_EDGES.index(int(key))
    high = dt.timedelta(minutes=BAND_EDGES[i + 1]) if i + 1 < len(BAND_EDGES) else None
    return dt.timedelta(minutes=BAND_EDGES[i]), high


def median_band(counts: dict[str, int]) -> Band | None:
    """Return the band(s) the median of the counted durations falls in, from {band key: exams}; None if none.

    With an even number of exams the median is the mean of the two middle ones; when those sit in different
    bands the answer spans both, so it is always true, never a guess inside a band.
    """
    bands = sorted((int(key), n) for key, n in counts.items() if n > 0)
    total = sum(n for _, n in bands)
    if not total:
        return None
    lower, upper = (total + 1) // 2, total // 2 + 1  # 1-based positions of the middle exam(s)
    found: list[str] = []
    seen = 0
    for edge, n in bands:
        seen += n
        while len(found) < 2 and seen >= (lower, upper)[len(found)]:
            found.append(str(edge))
    return Band(_edges(found[0])[0], _edges(found[1])[1])
