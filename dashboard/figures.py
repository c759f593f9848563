"""Every figure on the dashboard, each a database aggregation; nothing loops over exams.

Counts by period (weeks, per clinician, diagnosis mix, overrides, skipped groups, versions, and the duration
bands the medians are read from) sum the daily counts (dashboard.counts), so they cost the same however many
exams the period holds; red flags read the period's marked exams only (dashboard.red_flags); the lists and the
unfinished counts read the exams through covering indexes. The number of queries is fixed by the page's
layout (and the number of protocol releases), never by the number of exams; tests pin it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, QuerySet, StringAgg, Subquery, Sum, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from dashboard import facets
from dashboard.counts import DIAGNOSIS, DURATION, ENGINE, OVERRIDE, RELEASE, SKIPPED, TO_SIGN, VERSION, release_key
from dashboard.durations import median_band
from dashboard.facets import exams_of, red_flag_marks
from dashboard.filters import Filters
from dashboard.models import DailyClinicCount, DailyCount
from dashboard.protocol_groups import Vocabulary, vocabulary
from dashboard.sums import period_sums
from exams.models import Exam, RedFlagAnswer, Status
from exams.signals import COMPLETED, SIGNED, STARTED

LIST_LIMIT = 10
# What the page's short lists show of an exam (dashboard/components): loading the whole exam, patient and user
# rows for each listed exam cost more than the queries that found them (bench/dashboard_bench.py).
LISTED = (
    *("started_at", "completed_at", "patient", "clinician"),
    *("patient__given_name", "patient__family_name", "clinician__username", "clinician__first_name"),
    "clinician__last_name",
)
UNFINISHED = (Status.IN_PROGRESS, Status.COMPLETED)


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date
    started: int
    completed: int
    signed: int


@dataclass(frozen=True, slots=True)
class Share:
    """One bar: a label, its count out of a total, and the facet value that lists the exams behind it."""

    key: str
    label: str
    count: int
    total: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


def red_flag_codes() -> Subquery:
    """The exam's present red flags as one "a; b" string, aggregated in the database (StringAgg, Django 6)."""
    present = RedFlagAnswer.objects.filter(exam=OuterRef("pk"), present=True).order_by()
    return Subquery(present.values("exam").annotate(codes=StringAgg("code", Value("; "))).values("codes")[:1])


def daily_counts(filters: Filters) -> QuerySet[Any]:
    """The period's day rows (dashboard.counts), narrowed to the chosen clinician: what the weeks are summed from.

    The whole team's weeks read the clinic-wide sums (DailyClinicCount), a sixth of the rows in a clinic of six.
    """
    period = {"clinic": filters.clinic, "day__gte": filters.period.start, "day__lte": filters.period.end}
    if filters.clinician is not None:
        return DailyCount.objects.filter(**period, clinician=filters.clinician)
    return DailyClinicCount.objects.filter(**period)


def tallies(filters: Filters) -> dict[str, dict[str, int]]:
    """Return {figure: {bar key: exams}} over the period, in one read of the monthly and edge daily counts."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for (figure, key), total in period_sums(filters, ("figure", "key")).items():
        if total:
            found[figure][key] = total
    return found


def weeks(filters: Filters) -> list[Week]:
    """Return started, completed and signed counts per week (Monday) of the period, empty weeks included.

    Summed per week in the database from the daily counts, which are kept per local day, so the weeks (local
    Mondays) and the period's bounds (local midnights) fall on their boundaries exactly; a week's rows, not a
    day's, come back, so two years at 100,000 exams return 315 rows rather than 2,190 (issue 15).
    """
    first = filters.period.start - dt.timedelta(days=filters.period.start.weekday())
    mondays = [first + dt.timedelta(weeks=i) for i in range((filters.period.end - first).days // 7 + 1)]
    counts: dict[str, list[int]] = {stage: [0] * len(mondays) for stage in (STARTED, COMPLETED, SIGNED)}
    by_week = daily_counts(filters).filter(figure__in=counts).annotate(week=TruncWeek("day"))
    for r in by_week.values("figure", "week").annotate(total=Sum("n")).order_by():
        counts[r["figure"]][(r["week"] - first).days // 7] += r["total"]
    return [Week(m, counts[STARTED][i], counts[COMPLETED][i], counts[SIGNED][i]) for i, m in enumerate(mondays)]


def attention(filters: Filters, now: dt.datetime) -> dict[str, Any]:
    """Return the exams that need the lead now (open or unsigned for over a day), oldest first, with counts."""
    base = exams_of(filters).select_related("clinician", "patient").only(*LISTED)
    # Only unfinished exams can be stale: reading those through the (clinic, status, started_at) index, not every
    # exam the clinic ever signed, keeps this count flat as the history grows.
    totals = base.filter(status__in=UNFINISHED).aggregate(
        open=Count("pk", filter=facets.stale_open(now)), unsigned=Count("pk", filter=facets.stale_unsigned(now))
    )
    return {
        "open": list(base.filter(facets.stale_open(now)).order_by("started_at")[:LIST_LIMIT]),
        "unsigned": list(base.filter(facets.stale_unsigned(now)).order_by("completed_at")[:LIST_LIMIT]),
        "open_total": totals["open"],
        "unsigned_total": totals["unsigned"],
    }


def red_flags(filters: Filters, now: dt.datetime) -> dict[str, Any]:
    """Return the period's red-flag exams, outstanding ones first, with whether the letter and referral exist."""
    marks = red_flag_marks(filters)  # letter and referral kept on the marks: no probe per flagged exam
    totals = marks.aggregate(
        total=Count("pk"), no_letter=Count("pk", filter=Q(letter=False)), not_made=Count("pk", filter=Q(made=False))
    )
    # The first ten picked from the marks' index alone, then only those ten joined to their exams and patients.
    first = marks.order_by("made", "letter", "-started_at").values("exam_id")[:LIST_LIMIT]
    done = {"letter": F("red_flag_mark__letter"), "made": F("red_flag_mark__made")}
    rows = Exam.objects.filter(pk__in=Subquery(first)).annotate(flags=red_flag_codes(), **done)
    rows = rows.select_related("clinician", "patient").only(*LISTED)
    order = ("red_flag_mark__made", "red_flag_mark__letter", "-red_flag_mark__started_at")
    return {"rows": list(rows.order_by(*order)), **totals}


def clinician_rows(filters: Filters, now: dt.datetime) -> list[dict[str, Any]]:
    """Return one row per member with exams started, median exam duration, open and unsigned counts."""
    members = list(
        get_user_model().objects.filter(membership__clinic=filters.clinic).order_by("first_name", "username")
    )
    if filters.clinician is not None:
        members = [u for u in members if u.pk == filters.clinician.pk]
    # Exams started and the duration bands of those completed, per member, in one read of the counts.
    counts: dict[int, int] = defaultdict(int)
    durations: dict[int, dict[str, int]] = defaultdict(dict)
    fields = ("clinician", "figure", "key")
    per_clinician = period_sums(filters, fields, per_clinician=True, figure__in=(STARTED, DURATION))
    for (clinician, figure, key), n in per_clinician.items():
        if figure == STARTED:
            counts[clinician] += n
        else:
            durations[clinician][key] = n
    # Unfinished exams are few: one row of counts per member keeps SQLite on the (clinic, status) index, where a
    # GROUP BY clinician made it walk every exam the clinic ever had to skip a sort.
    per_member: dict[str, Count] = {}
    for u in members:
        per_member[f"open_{u.pk}"] = Count("pk", filter=Q(clinician=u.pk, status=Status.IN_PROGRESS))
        per_member[f"unsigned_{u.pk}"] = Count("pk", filter=Q(clinician=u.pk, status=Status.COMPLETED))
    unfinished = exams_of(filters).filter(status__in=UNFINISHED).aggregate(**per_member) if per_member else {}
    rows = []
    for u in members:
        row = {"started": counts.get(u.pk, 0)}
        row |= {"open": unfinished.get(f"open_{u.pk}", 0), "unsigned": unfinished.get(f"unsigned_{u.pk}", 0)}
        rows.append({"user": u, **row, "median": median_band(durations[u.pk])})
    return rows


def shares(counts: dict[str, int], label: Any) -> list[Share]:
    """Return the exams per bar, largest first, as shares of the whole."""
    total = sum(counts.values())
    return [Share(key=k, label=label(k), count=n, total=total) for k, n in sorted(counts.items(), key=_largest)]


def _largest(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def overrides(found: dict[str, dict[str, int]], vocab: Vocabulary) -> list[Share]:
    """Return per engine diagnosis how many completed exams the clinician overrode, most overridden first."""
    done, overridden = found[ENGINE], found[OVERRIDE]
    rows = [Share(k, vocab.condition(k), overridden.get(k, 0), n) for k, n in done.items()]
    return sorted(rows, key=lambda s: (-s.percent, -s.count, s.label))


def skipped_groups(found: dict[str, dict[str, int]], vocab: Vocabulary) -> list[Share]:
    """Return per maneuver group how many completed exams recorded no result in it, out of exams that had it.

    Out of: the completed exams of every release that has the group (the counts keep completions per release).
    """
    releases, skipped = found[RELEASE], found[SKIPPED]
    rows = []
    for group, group_releases in vocab.groups.items():
        had = sum(releases.get(release_key(*release), 0) for release in group_releases)
        if had:
            rows.append(Share(group, vocab.group_titles[group], skipped.get(group, 0), had))
    return sorted(rows, key=lambda s: (-s.percent, s.label))


def dashboard_figures(filters: Filters) -> dict[str, Any]:
    """Return everything the dashboard shows for these filters."""
    now = timezone.now()
    vocab = vocabulary()
    week_rows = weeks(filters)
    found = tallies(filters)
    return {
        "now": now,
        "vocab": vocab,
        "attention": attention(filters, now),
        "red_flags": red_flags(filters, now),
        "weeks": week_rows,
        "totals": {
            "started": sum(w.started for w in week_rows),
            "completed": sum(w.completed for w in week_rows),
            "signed": sum(w.signed for w in week_rows),
        },
        "median_to_sign": median_band(found[TO_SIGN]),
        "clinicians": clinician_rows(filters, now),
        "diagnoses": shares(found[DIAGNOSIS], vocab.condition),
        "overrides": overrides(found, vocab),
        "skipped": skipped_groups(found, vocab),
        "versions": shares(found[VERSION], lambda v: f"v{v}"),
    }
