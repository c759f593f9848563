"""Time each query the dashboard page runs, at 1,000 and at 100,000 exams, side by side (issue 15).

Run after bench/dashboard_bench.py has seeded a database it can reuse:
    DATABASE_URL=sqlite:////tmp/dashbench/bench.sqlite3 .venv/bin/python bench/dashboard_profile.py [QUERY]
Each query's median time over five requests is printed with its ratio and where in the code it comes from, so
the ones that grow with the data stand out. `all` as the first argument profiles the range covering every exam.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import dashboard_bench as bench  # noqa: E402  (sets Django up on the bench database)

ROUNDS = 5
SMALL, LARGE = bench.SIZES[0], bench.SIZES[-1]


def _caller() -> str:
    """The first frame in the project's dashboard code (not Django's), naming the figure a query belongs to."""
    for frame in reversed(traceback.extract_stack()[:-3]):
        if "/dashboard/" in frame.filename or "/clinics/" in frame.filename or "/security/" in frame.filename:
            return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
    return "?"


def _page_queries(client: Any, url: str) -> list[tuple[str, str, Any]]:
    """Every statement one request runs, with its parameters and the code that ran it."""
    found: list[tuple[str, str, Any]] = []

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        found.append((_caller(), sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        assert client.get(url).status_code == 200
    return found


def _timed(sql: str, params: Any) -> float:
    """Run one read again with every row fetched (a cursor's execute alone stops at the first row on SQLite)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0.0
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        return time.perf_counter() - start


def main(scope: str) -> None:
    releases = bench._releases()
    rng = random.Random(1)
    clients = {size: bench._seeded(size, releases, rng)[1] for size in (SMALL, LARGE)}
    url = reverse("dashboard:dashboard")
    if scope == "all":
        today = timezone.localdate()
        url += f"?period=custom&start={today - dt.timedelta(days=bench.HISTORY_DAYS)}&end={today}"
    for client in clients.values():
        client.get(url)  # warm
    pages = {size: _page_queries(client, url) for size, client in clients.items()}
    small, large = pages[SMALL], pages[LARGE]
    print(f"{url}: {len(small)} queries at {SMALL:,}, {len(large)} at {LARGE:,} (reads timed with every row fetched)")
    totals = {SMALL: 0.0, LARGE: 0.0}
    for i, (where, sql, _) in enumerate(large):
        times = {
            size: statistics.median(_timed(*pages[size][i][1:]) for _ in range(ROUNDS)) * 1000
            for size in pages
            if i < len(pages[size])
        }
        totals[SMALL] += times.get(SMALL, 0.0)
        totals[LARGE] += times[LARGE]
        print(f"{i:2} {times.get(SMALL, 0.0):7.2f} {times[LARGE]:8.2f} ms  {where:<40} {sql[:90]}")
    print(f"   {totals[SMALL]:7.2f} {totals[LARGE]:8.2f} ms  in the database")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "30")
