"""Medians computed in the database with window functions, which SQLite (3.25+) and PostgreSQL both run.

PostgreSQL has percentile_cont but SQLite has no median at all, so both use the same portable method: number the
rows by value inside each partition, keep only the one or two middle rows, and average those. The database
returns at most two rows per partition, however many exams there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, FloatField, Func, QuerySet, Window
from django.db.models.functions import RowNumber

from exams.models import Exam


class Seconds(Func):
    """(end - start) in seconds, in the database's own arithmetic.

    Django's DurationField subtraction runs a Python function per row on SQLite (django_timestamp_diff); over
    thousands of exams that function, not the sort, was most of the median's time (bench/dashboard_bench.py).
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


def median_durations(exams: QuerySet[Exam], *, end: str, by: str | None = None) -> dict[Any, dt.timedelta]:
    """Return the median of (end - started_at) per value of `by` (or under the key None), skipping open ends."""
    partition = [F(by)] if by else []
    rows = (
        exams.filter(**{f"{end}__isnull": False})
        .annotate(
            span=Seconds(F(end), F("started_at")),
            position=Window(RowNumber(), partition_by=partition or None, order_by=[F("span").asc(), F("pk").asc()]),
            total=Window(Count("pk"), partition_by=partition or None),
        )
        .annotate(twice=F("position") * 2)
        # The middle rows: position p with total n such that n <= 2p <= n + 2 (one row if n is odd, two if even).
        .filter(twice__gte=F("total"), twice__lte=F("total") + 2)
        .values_list(by or "pk", "span")
        .order_by()
    )
    middles: dict[Any, list[float]] = defaultdict(list)
    for key, span in rows:
        middles[key if by else None].append(span)
    return {key: dt.timedelta(seconds=round(sum(s) / len(s), 3)) for key, s in middles.items()}
