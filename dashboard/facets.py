"""The exam sets the dashboard counts, defined once: each figure counts a facet, each link lists the same facet.

A facet is a name (and sometimes a value, such as a condition code) that turns the filters into a queryset.
Figures aggregate these querysets in the database; the exam list paginates exactly the same ones, so a figure
and the list behind it cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from core.errors import DomainError
from dashboard.filters import Filters
from dashboard.models import RedFlagExam
from dashboard.protocol_groups import vocabulary
from exams.models import Exam, Finding, RedFlagAnswer, Result, Status

# An exam left open or unsigned for longer than this needs the lead's attention (WebPT's unsigned-notes queue).
STALE_AFTER = dt.timedelta(days=1)
DONE = (Status.COMPLETED, Status.SIGNED)


def exams_of(filters: Filters) -> QuerySet[Exam]:
    """Return the clinic's exams, narrowed to the chosen clinician: the root of every figure."""
    exams = Exam.objects.filter(clinic=filters.clinic)
    if filters.clinician is not None:
        exams = exams.filter(clinician=filters.clinician)
    return exams


def in_period(filters: Filters, field: str) -> Q:
    period = filters.period
    return Q(**{f"{field}__gte": period.since, f"{field}__lt": period.until})


def red_flag_present() -> Exists:
    return Exists(RedFlagAnswer.objects.filter(exam=OuterRef("pk"), present=True))


def group_tested(maneuvers: tuple[str, ...]) -> Exists:
    """True when the exam holds at least one recorded result (not "not tested") in a maneuver group."""
    tested = Finding.objects.filter(exam=OuterRef("pk"), maneuver__in=maneuvers).exclude(result=Result.NOT_TESTED)
    return Exists(tested)


def stale_open(now: dt.datetime) -> Q:
    return Q(status=Status.IN_PROGRESS, started_at__lt=now - STALE_AFTER)


def stale_unsigned(now: dt.datetime) -> Q:
    return Q(status=Status.COMPLETED, completed_at__lt=now - STALE_AFTER)


def overridden() -> Q:
    return ~Q(final_diagnosis=F("engine_diagnosis"))


Facet = Callable[[Filters, str, dt.datetime], QuerySet[Exam]]


def _started(f: Filters, value: str, now: dt.datetime) -> QuerySet[Exam]:
    return exams_of(f).filter(in_period(f, "started_at"))


def _completed(f: Filters, value: str, now: dt.datetime) -> QuerySet[Exam]:
    return exams_of(f).filter(in_period(f, "completed_at"), status__in=DONE)


def _signed(f: Filters, value: str, now: dt.datetime) -> QuerySet[Exam]:
    return exams_of(f).filter(in_period(f, "signed_at"), status=Status.SIGNED)


def _red_flagged(f: Filters, value: str, now: dt.datetime) -> QuerySet[Exam]:
    """Exams started in the period with a present red flag, read from their marks (dashboard.red_flags) alone.

    Filtered on the marks' own clinic, clinician and start (the exam's, copied), so the database walks the few
    marked exams of the period by the marks' index rather than every exam it started.
    """
    return Exam.objects.filter(**_marked(f, "red_flag_mark__"))


def red_flag_marks(f: Filters) -> QuerySet[RedFlagExam]:
    """The red-flag marks of the exams started in the period (by this clinician, when one is chosen)."""
    return RedFlagExam.objects.filter(**_marked(f))


def _marked(f: Filters, prefix: str = "") -> dict[str, Any]:
    marks: dict[str, Any] = {"clinic": f.clinic, "started_at__gte": f.period.since, "started_at__lt": f.period.until}
    if f.clinician is not None:
        marks["clinician"] = f.clinician
    return {prefix + name: value for name, value in marks.items()}


def _skipped(f: Filters, value: str, now: dt.datetime) -> QuerySet[Exam]:
    versions = vocabulary().groups.get(value)
    if not versions:
        raise DomainError("value", f"Unknown maneuver group “{value}”.")
    match = Q(pk__in=[])
    for (code, version), maneuvers in versions.items():
        match |= Q(Q(protocol_code=code, protocol_version=version), ~group_tested(maneuvers))
    return _completed(f, "", now).filter(match)


FACETS: dict[str, tuple[str, Facet]] = {
    "started": ("Exams started", _started),
    "completed": ("Exams completed", _completed),
    "signed": ("Exams signed", _signed),
    "open": ("Open for more than a day", lambda f, v, now: exams_of(f).filter(stale_open(now))),
    "unsigned": ("Completed, unsigned for more than a day", lambda f, v, now: exams_of(f).filter(stale_unsigned(now))),
    "red-flag": ("Red-flag referrals", _red_flagged),
    "diagnosis": ("Final diagnosis", lambda f, v, now: _completed(f, v, now).filter(final_diagnosis=v)),
    "override": (
        "Engine overridden",
        lambda f, v, now: _completed(f, v, now).filter(overridden(), engine_diagnosis=v),
    ),
    "skipped": ("Maneuver group skipped", _skipped),
    "version": ("Protocol version", lambda f, v, now: _started(f, v, now).filter(protocol_version=v)),
}


def facet_exams(*, filters: Filters, facet: str, value: str, now: dt.datetime) -> QuerySet[Exam]:
    """Return the exams behind one figure; an unknown facet is refused naming the field."""
    if facet not in FACETS:
        raise DomainError("facet", f"Unknown list “{facet}”; choose one of: {', '.join(FACETS)}.")
    return FACETS[facet][1](filters, value, now)


def facet(filters: Filters, name: str, now: dt.datetime, value: str = "") -> QuerySet[Exam]:
    return facet_exams(filters=filters, facet=name, value=value, now=now)
