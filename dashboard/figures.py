"""Every figure on the dashboard, each one database aggregation over a facet; nothing loops over exams.

The number of queries is fixed by the page's layout (and the number of protocol releases), never by the number
of exams; tests pin it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from dashboard import facets
from dashboard.facets import exams_of, facet, in_period
from dashboard.filters import Filters
from dashboard.medians import median_durations
from dashboard.protocol_groups import Vocabulary, vocabulary
from exams.models import Exam, RedFlagAnswer, Status

LIST_LIMIT = 10


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
    """Return started, completed and signed counts per week (Monday) of the period, empty weeks included."""
    counts: dict[str, dict[dt.date, int]] = {}
    for name, field in (("started", "started_at"), ("completed", "completed_at"), ("signed", "signed_at")):
        rows = (
            facet(filters, name, timezone.now())
            .annotate(week=TruncWeek(field))
            .values("week")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts[name] = {timezone.localtime(r["week"]).date(): r["n"] for r in rows}
    first = filters.period.start - dt.timedelta(days=filters.period.start.weekday())
    mondays = [first + dt.timedelta(weeks=i) for i in range((filters.period.end - first).days // 7 + 1)]
    return [
        Week(m, counts["started"].get(m, 0), counts["completed"].get(m, 0), counts["signed"].get(m, 0)) for m in mondays
    ]


def attention(filters: Filters, now: dt.datetime) -> dict[str, Any]:
    """Return the exams that need the lead now (open or unsigned for over a day), oldest first, with counts."""
    base = exams_of(filters).select_related("clinician", "patient")
    totals = exams_of(filters).aggregate(
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
    counts = {
        r["clinician"]: r
        for r in exams_of(filters)
        .values("clinician")
        .annotate(
            started=Count("pk", filter=in_period(filters, "started_at")),
            open=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
            unsigned=Count("pk", filter=Q(status=Status.COMPLETED)),
        )
        .order_by()
    }
    done = exams_of(filters).filter(completed_at__gte=period.since, completed_at__lt=period.until)
    medians = median_durations(done, end="completed_at", by="clinician")
    members = get_user_model().objects.filter(membership__clinic=filters.clinic).order_by("first_name", "username")
    if filters.clinician is not None:
        members = members.filter(pk=filters.clinician.pk)
    empty = {"started": 0, "open": 0, "unsigned": 0}
    return [{"user": u, **empty, **counts.get(u.pk, {}), "median": medians.get(u.pk)} for u in members]


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
    """Return per maneuver group how many completed exams recorded no result in it, out of exams that had it."""
    done = facet(filters, "completed", now)
    aggregates: dict[str, Any] = {}
    for i, releases in enumerate(vocab.groups.values()):
        had = Q(pk__in=[])
        skipped = Q(pk__in=[])
        for (code, version), maneuvers in releases.items():
            release = Q(protocol_code=code, protocol_version=version)
            had |= release
            skipped |= Q(release, ~facets.group_tested(maneuvers))
        aggregates[f"had_{i}"] = Count("pk", filter=had)
        aggregates[f"skipped_{i}"] = Count("pk", filter=skipped)
    counts = done.aggregate(**aggregates) if aggregates else {}
    found = [
        Share(group, vocab.group_titles[group], counts[f"skipped_{i}"], counts[f"had_{i}"])
        for i, group in enumerate(vocab.groups)
    ]
    return sorted((s for s in found if s.total), key=lambda s: (-s.percent, s.label))


def dashboard_figures(filters: Filters) -> dict[str, Any]:
    """Return everything the dashboard shows for these filters."""
    now = timezone.now()
    vocab = vocabulary()
    completed = facet(filters, "completed", now)
    signed = facet(filters, "signed", now)
    week_rows = weeks(filters)
    return {
        "now": now,
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
