"""Every figure on the dashboard, each one database aggregation over a facet; nothing loops over exams.

The number of queries is fixed by the page's layout (and the number of protocol releases), never by the number
of exams; tests pin it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, OuterRef, Q, QuerySet, StringAgg, Subquery, Value, When
from django.utils import timezone

from dashboard import facets
from dashboard.facets import exams_of, facet, in_period
from dashboard.filters import Filters, local_midnight
from dashboard.medians import median_durations
from dashboard.protocol_groups import Vocabulary, vocabulary
from exams.models import Exam, Finding, RedFlagAnswer, Result, Status

LIST_LIMIT = 10
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


def weeks(filters: Filters) -> list[Week]:
    """Return started, completed and signed counts per week (Monday) of the period, empty weeks included.

    One conditional count per week, compared against local Monday midnights, rather than grouping by TruncWeek:
    on SQLite TruncWeek is a Python function called once per row, which made this the slowest figure at 100,000
    exams (bench/dashboard_bench.py); a comparison runs in the database and still uses the date indexes.
    """
    first = filters.period.start - dt.timedelta(days=filters.period.start.weekday())
    mondays = [first + dt.timedelta(weeks=i) for i in range((filters.period.end - first).days // 7 + 1)]
    bounds = [local_midnight(m) for m in [*mondays, mondays[-1] + dt.timedelta(weeks=1)]]
    counts: dict[str, list[int]] = {}
    for name, field in (("started", "started_at"), ("completed", "completed_at"), ("signed", "signed_at")):
        per_week = {
            f"w{i}": Count("pk", filter=Q(**{f"{field}__gte": bounds[i], f"{field}__lt": bounds[i + 1]}))
            for i in range(len(mondays))
        }
        row = facet(filters, name, timezone.now()).aggregate(**per_week)
        counts[name] = [row[f"w{i}"] for i in range(len(mondays))]
    return [Week(m, counts["started"][i], counts["completed"][i], counts["signed"][i]) for i, m in enumerate(mondays)]


def attention(filters: Filters, now: dt.datetime) -> dict[str, Any]:
    """Return the exams that need the lead now (open or unsigned for over a day), oldest first, with counts."""
    base = exams_of(filters).select_related("clinician", "patient")
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
    exams = facet(filters, "red-flag", now).annotate(letter=facets.letter_produced(), made=facets.referral_recorded())
    totals = exams.aggregate(
        total=Count("pk"), no_letter=Count("pk", filter=Q(letter=False)), not_made=Count("pk", filter=Q(made=False))
    )
    rows = exams.annotate(flags=red_flag_codes()).select_related("clinician", "patient")
    return {"rows": list(rows.order_by("made", "letter", "-started_at")[:LIST_LIMIT]), **totals}


def clinician_rows(filters: Filters, now: dt.datetime) -> list[dict[str, Any]]:
    """Return one row per member with exams started, median exam duration, open and unsigned counts."""
    period = filters.period
    members = list(
        get_user_model().objects.filter(membership__clinic=filters.clinic).order_by("first_name", "username")
    )
    if filters.clinician is not None:
        members = [u for u in members if u.pk == filters.clinician.pk]
    started = exams_of(filters).filter(in_period(filters, "started_at")).values("clinician").annotate(n=Count("pk"))
    counts: dict[int, dict[str, int]] = {}
    for r in started.order_by():
        counts.setdefault(r["clinician"], {})["started"] = r["n"]
    # Unfinished exams are few: one row of counts per member keeps SQLite on the (clinic, status) index, where a
    # GROUP BY clinician made it walk every exam the clinic ever had to skip a sort.
    per_member: dict[str, Count] = {}
    for u in members:
        per_member[f"open_{u.pk}"] = Count("pk", filter=Q(clinician=u.pk, status=Status.IN_PROGRESS))
        per_member[f"unsigned_{u.pk}"] = Count("pk", filter=Q(clinician=u.pk, status=Status.COMPLETED))
    unfinished = exams_of(filters).filter(status__in=UNFINISHED).aggregate(**per_member) if per_member else {}
    done = exams_of(filters).filter(completed_at__gte=period.since, completed_at__lt=period.until)
    medians = median_durations(done, end="completed_at", by="clinician")
    rows = []
    for u in members:
        row = {"started": 0, **counts.get(u.pk, {})}
        row |= {"open": unfinished.get(f"open_{u.pk}", 0), "unsigned": unfinished.get(f"unsigned_{u.pk}", 0)}
        rows.append({"user": u, **row, "median": medians.get(u.pk)})
    return rows


def shares(exams: QuerySet[Exam], field: str, label: Any) -> list[Share]:
    """Return the count per value of `field`, largest first, as shares of the whole."""
    rows = list(exams.values(field).annotate(n=Count("pk")).order_by("-n", field))
    total = sum(r["n"] for r in rows)
    return [Share(key=r[field], label=label(r[field]), count=r["n"], total=total) for r in rows]


def overrides(filters: Filters, vocab: Vocabulary, now: dt.datetime) -> list[Share]:
    """Return per engine diagnosis how many completed exams the clinician overrode, most overridden first."""
    rows = (
        facet(filters, "completed", now)
        .values("engine_diagnosis")
        .annotate(total=Count("pk"), n=Count("pk", filter=facets.overridden()))
        .order_by("-n", "engine_diagnosis")
    )
    found = [Share(r["engine_diagnosis"], vocab.condition(r["engine_diagnosis"]), r["n"], r["total"]) for r in rows]
    return sorted(found, key=lambda s: (-s.percent, -s.count, s.label))


def skipped_groups(filters: Filters, vocab: Vocabulary, now: dt.datetime) -> list[Share]:
    """Return per maneuver group how many completed exams recorded no result in it, out of exams that had it.

    Two grouped queries rather than one NOT EXISTS per exam and group: the completed exams per release (which
    groups each had), and per group the distinct exams with a recorded result in it, read from their findings
    in one pass (a maneuver belongs to one step of a release, so each finding names at most one group).
    """
    done = facet(filters, "completed", now)
    per_release = done.values("protocol_code", "protocol_version").annotate(n=Count("pk")).order_by()
    releases = {(r["protocol_code"], r["protocol_version"]): r["n"] for r in per_release}
    where = [
        When(Q(exam__protocol_code=code, exam__protocol_version=version, maneuver__in=maneuvers), then=Value(group))
        for group, in_releases in vocab.groups.items()
        for (code, version), maneuvers in in_releases.items()
        if (code, version) in releases
    ]
    tested: dict[str, int] = {}
    if where:
        rows = (
            Finding.objects.filter(exam__in=done.values("pk"))
            .exclude(result=Result.NOT_TESTED)
            .annotate(group=Case(*where, default=Value("")))
            .values("group")
            .annotate(n=Count("exam", distinct=True))
            .order_by()
        )
        tested = {r["group"]: r["n"] for r in rows}
    found = []
    for group, group_releases in vocab.groups.items():
        had = sum(releases.get(release, 0) for release in group_releases)
        if had:
            found.append(Share(group, vocab.group_titles[group], had - tested.get(group, 0), had))
    return sorted(found, key=lambda s: (-s.percent, s.label))


def dashboard_figures(filters: Filters) -> dict[str, Any]:
    """Return everything the dashboard shows for these filters."""
    now = timezone.now()
    vocab = vocabulary()
    completed = facet(filters, "completed", now)
    signed = facet(filters, "signed", now)
    week_rows = weeks(filters)
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
        "median_to_sign": median_durations(signed, end="signed_at").get(None),
        "clinicians": clinician_rows(filters, now),
        "diagnoses": shares(completed, "final_diagnosis", vocab.condition),
        "overrides": overrides(filters, vocab, now),
        "skipped": skipped_groups(filters, vocab, now),
        "versions": shares(facet(filters, "started", now), "protocol_version", lambda v: f"v{v}"),
    }
