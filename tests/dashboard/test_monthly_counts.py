"""The monthly roll-ups: whole months read from them and the edge months from the day rows give the day-only answers.

A seeded set around the month edges of October and November 2026 (local time, Europe/London; BST ends on
25 October), with known answers:

exam who   version started              completed              signed        engine -> final
x1   alice 1.0.0   30 Sep 23:30         +40 min (1 Oct 00:10)  +2 h (1 Oct)  sij_pain
x2   alice 1.1.0   1 Oct 00:05          +20 min                +1 d (2 Oct)  sij_pain -> piriformis
x3   bob   1.0.0   15 Oct 10:00         +30 min                unsigned      sij_pain
x4   alice 1.1.0   31 Oct 23:50         +20 min (1 Nov 00:10)  +3 h (1 Nov)  gluteal_tendinopathy
x5   bob   1.0.0   1 Nov 09:00          open
x6   alice 1.0.0   30 Nov 12:00         +15 min                +1 h          sij_pain
x7   bob   1.1.0   1 Dec 08:00          +30 min                unsigned      sij_pain -> hamstring
"""

import datetime as dt
import importlib
from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboard.counts import counts_rebuild
from dashboard.figures import dashboard_figures, tallies
from dashboard.filters import Filters, Period
from dashboard.models import DailyClinicCount, DailyCount, MonthlyClinicCount, MonthlyCount
from dashboard.sums import whole_months
from retention.services import patient_erase
from tests.dashboard.conftest import as_rebuilt
from tests.dashboard.seed import D, H, M, exam_at
from tests.dashboard.test_figures import filters_for

pytestmark = pytest.mark.django_db
d = dt.date


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def edges(releases, clinic, clinician, colleague, clinic_lead):
    a, b = clinician, colleague
    sij, fair = "sij_thigh_thrust", "fair"
    return SimpleNamespace(
        x1=exam_at(clinic, a, "1.0.0", local(2026, 9, 30, 23, 30), completed=40 * M, signed=2 * H,
                   engine="sij_pain", final="sij_pain", tested=(sij,)),
        x2=exam_at(clinic, a, "1.1.0", local(2026, 10, 1, 0, 5), completed=20 * M, signed=D,
                   engine="sij_pain", final="piriformis_syndrome", reason="Deep gluteal tenderness.", tested=(fair,)),
        x3=exam_at(clinic, b, "1.0.0", local(2026, 10, 15, 10), completed=30 * M, engine="sij_pain", final="sij_pain"),
        x4=exam_at(clinic, a, "1.1.0", local(2026, 10, 31, 23, 50), completed=20 * M, signed=3 * H,
                   engine="gluteal_tendinopathy", final="gluteal_tendinopathy", tested=(sij, fair)),
        x5=exam_at(clinic, b, "1.0.0", local(2026, 11, 1, 9)),
        x6=exam_at(clinic, a, "1.0.0", local(2026, 11, 30, 12), completed=15 * M, signed=H,
                   engine="sij_pain", final="sij_pain", tested=(sij,)),
        x7=exam_at(clinic, b, "1.1.0", local(2026, 12, 1, 8), completed=30 * M,
                   engine="sij_pain", final="hamstring_tendinopathy", reason="Tender at the ischial tuberosity."),
    )  # fmt: skip


def custom(clinic, start, end, clinician=None):
    return Filters(clinic, Period(start, end, "custom"), clinician)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (d(2026, 10, 1), d(2026, 10, 31), (d(2026, 10, 1), d(2026, 11, 1))),  # exactly one month
        (d(2026, 10, 2), d(2026, 10, 31), (d(2026, 11, 1), d(2026, 11, 1))),  # a day short at the start: none
        (d(2026, 10, 1), d(2026, 10, 30), (d(2026, 10, 1), d(2026, 10, 1))),  # a day short at the end: none
        (d(2026, 9, 15), d(2026, 12, 2), (d(2026, 10, 1), d(2026, 12, 1))),  # mid to mid: October and November
        (d(2026, 1, 31), d(2026, 3, 1), (d(2026, 2, 1), d(2026, 3, 1))),  # February between two edge days
        (d(2026, 12, 3), d(2026, 12, 3), (d(2027, 1, 1), d(2027, 1, 1))),  # one day
    ],
)
def test_whole_months_of_a_period(start, end, months):
    assert whole_months(start, end) == months


@pytest.mark.parametrize(
    ("start", "end", "alice", "totals"),
    [
        (d(2026, 10, 1), d(2026, 10, 31), False, (3, 3, 2)),  # x2-x4 started; x1-x3 completed; x1, x2 signed
        (d(2026, 9, 30), d(2026, 10, 1), False, (2, 2, 1)),  # two edge days, no whole month
        (d(2026, 10, 1), d(2026, 11, 30), False, (5, 5, 4)),  # two whole months, no edge
        (d(2026, 9, 15), d(2026, 12, 2), False, (7, 6, 4)),  # edges either side of two whole months
        (d(2026, 10, 1), d(2026, 11, 30), True, (3, 4, 4)),  # alice: x2, x4, x6 started; x1 completed in October
        (d(2026, 11, 1), d(2026, 12, 1), True, (1, 2, 2)),  # alice: x6; x4 completed and signed on 1 November
    ],
)
def test_known_totals_across_month_edges(edges, clinic, clinician, start, end, alice, totals):
    figures = dashboard_figures(custom(clinic, start, end, clinician if alice else None))
    assert tuple(figures["totals"].values()) == totals
    assert sum(r["started"] for r in figures["clinicians"]) == totals[0]  # the per-clinician counts read months too


def test_known_tallies_of_a_whole_month_and_of_a_range_with_edges(edges, clinic):
    october = tallies(custom(clinic, d(2026, 10, 1), d(2026, 10, 31)))
    assert october["version"] == {"1.0.0": 1, "1.1.0": 2}
    assert october["diagnosis"] == {"sij_pain": 2, "piriformis_syndrome": 1}
    assert (october["engine"], october["override"]) == ({"sij_pain": 3}, {"sij_pain": 1})

    wide = tallies(custom(clinic, d(2026, 9, 15), d(2026, 12, 2)))
    assert wide["version"] == {"1.0.0": 4, "1.1.0": 3}
    assert wide["diagnosis"] == {
        "sij_pain": 3, "piriformis_syndrome": 1, "gluteal_tendinopathy": 1, "hamstring_tendinopathy": 1
    }  # fmt: skip
    assert (wide["engine"], wide["override"]) == ({"sij_pain": 5, "gluteal_tendinopathy": 1}, {"sij_pain": 2})
    assert wide["skipped"]["sij_provocation"] == 3  # x2, x3 and x7 recorded no result in it


def _figures(filters):
    return {k: v for k, v in dashboard_figures(filters).items() if k not in ("now", "vocab")}


STARTS = (d(2026, 9, 15), d(2026, 9, 30), d(2026, 10, 1), d(2026, 10, 2), d(2026, 10, 31), d(2026, 11, 1))
ENDS = (d(2026, 10, 1), d(2026, 10, 30), d(2026, 10, 31), d(2026, 11, 1), d(2026, 11, 30), d(2026, 12, 2))


@pytest.mark.parametrize("alice", [False, True])
def test_months_and_edges_give_the_day_only_figures(edges, clinic, clinician, monkeypatch, alice):
    """Every figure, for ranges starting and ending mid-month and on month edges, and the 7/30/90-day periods."""
    who = clinician if alice else None
    periods = [custom(clinic, s, e, who) for s in STARTS for e in ENDS if s <= e]
    periods += [filters_for(clinic, days, who) for days in (7, 30, 90)]
    with_months = [_figures(f) for f in periods]
    monkeypatch.setattr("dashboard.sums.whole_months", lambda start, end: (start, start))  # no month: days only
    day_only = [_figures(f) for f in periods]

    assert with_months == day_only
    assert any(w["totals"]["started"] for w in with_months)


def test_a_long_range_takes_as_many_queries_as_a_week(edges, clinic):
    with CaptureQueriesContext(connection) as week:
        dashboard_figures(filters_for(clinic, 7))
    with CaptureQueriesContext(connection) as years:
        dashboard_figures(custom(clinic, d(2024, 12, 3), d(2026, 12, 3)))
    assert len(years) == len(week)


def _rows(model, *columns):
    return set(model.objects.filter(n__gt=0).values_list("clinic", *columns, "figure", "key", "n"))


def _monthly_from_days(model, *columns) -> set[tuple]:
    """The day rows summed per month in the test, independently of dashboard.counts."""
    summed: Counter[tuple] = Counter()
    for clinic, *who, day, figure, key, n in model.objects.values_list("clinic", *columns, "day", "figure", "key", "n"):
        summed[(clinic, *who, day.replace(day=1), figure, key)] += n
    return {(*row, n) for row, n in summed.items() if n}


def _months_agree() -> bool:
    """The running month rows equal a recount's and the day rows summed per month, per clinician and clinic-wide."""
    mine = _rows(MonthlyCount, "clinician", "month")
    team = _rows(MonthlyClinicCount, "month")
    return (
        bool(mine)
        and mine == as_rebuilt(MonthlyCount, counts_rebuild, lambda: _rows(MonthlyCount, "clinician", "month"))
        and team == as_rebuilt(MonthlyClinicCount, counts_rebuild, lambda: _rows(MonthlyClinicCount, "month"))
        and mine == _monthly_from_days(DailyCount, "clinician")
        and team == _monthly_from_days(DailyClinicCount)
    )


def test_the_running_month_rows_equal_a_rebuild_and_the_day_sums(edges):
    assert _months_agree()

    patient_erase(patient=edges.x4.patient)  # an exam started in October, completed and signed in November
    assert _months_agree()


def test_the_migration_builds_the_month_rows_from_existing_data(edges, clinic):
    running = _rows(MonthlyCount, "clinician", "month"), _rows(MonthlyClinicCount, "month")
    MonthlyCount.objects.all().delete()
    MonthlyClinicCount.objects.all().delete()
    migration = importlib.import_module("dashboard.migrations.0007_monthly_counts")

    migration.recount(apps, None)

    assert (_rows(MonthlyCount, "clinician", "month"), _rows(MonthlyClinicCount, "month")) == running
    figures = dashboard_figures(custom(clinic, d(2026, 10, 1), d(2026, 11, 30)))
    assert figures["totals"] == {"started": 5, "completed": 5, "signed": 4}
