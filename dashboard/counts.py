"""The dashboard's daily counts (DailyCount): what each exam adds, kept in step with the exams, and rebuilt.

Why counts at all: a period's figures (exams per week, per clinician, the diagnosis mix, overrides, skipped
groups, versions, and the medians, counted in duration bands: dashboard.durations) scanned every exam and
finding in the period, so the page slowed with the clinic's volume (6x from 1,000 to 100,000 exams,
bench/dashboard_bench.py). Counts per clinic, clinician, local day and figure
are bounded by days x clinicians x bars, however many exams there are.

Why a signal from the exam services (exams.signals) and the model here: the counts and their keys (maneuver
groups, overrides) are the dashboard's own vocabulary, and exams sit below the dashboard in the layers, so
they announce "started", "completed" and "signed" inside the write's transaction and this app counts. An exam
that is completed is read-only, so what it adds at completion (diagnoses, skipped groups) never changes later;
erasing an exam (retention) subtracts exactly what it added. `counts_rebuild` recomputes everything from the
exams with grouped queries: the data migration ran it, and the tests check the running counts against it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, Model, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from dashboard.durations import band_case, band_of
from dashboard.models import DailyClinicCount, DailyCount, MonthlyClinicCount, MonthlyCount
from exams.models import Exam, Finding, Result, Status
from exams.signals import COMPLETED, SIGNED, STARTED
from protocols.registry import protocol_get

VERSION, DIAGNOSIS, ENGINE, OVERRIDE, RELEASE, SKIPPED = (
    "version",
    "diagnosis",
    "engine",
    "override",
    "release",
    "skipped",
)
# Keyed by duration band (dashboard.durations): start to completion on the completion day, start to signature
# on the signature day, so a period's medians come from the same counts as its other figures.
DURATION, TO_SIGN = "duration", "to_sign"
DONE = (Status.COMPLETED, Status.SIGNED)
Row = tuple[int, int, dt.date, str, str]  # clinic, clinician, day, figure, key


def release_key(code: str, version: str) -> str:
    return f"{code}@{version}"


def _groups(code: str, version: str) -> dict[str, tuple[str, ...]]:
    """The maneuver groups (steps with maneuvers) of one release, as dashboard.protocol_groups reads them."""
    return {step.code: step.maneuvers for step in protocol_get(code, version).steps if step.maneuvers}


def stages_of(exam: Any) -> list[str]:
    """The stages an exam has passed, hence counted: started always, then completed and signed if so."""
    stages = [STARTED]
    if exam.status in DONE and exam.completed_at is not None:
        stages.append(COMPLETED)
    if exam.status == Status.SIGNED and exam.signed_at is not None:
        stages.append(SIGNED)
    return stages


def contributions(exam: Any, stage: str) -> list[Row]:
    """What one stage of one exam adds: one count per figure (and bar) on the local day of that stage."""
    who = (exam.clinic_id, exam.clinician_id)
    if stage == STARTED:
        day = timezone.localdate(exam.started_at)
        return [(*who, day, STARTED, ""), (*who, day, VERSION, exam.protocol_version)]
    if stage == SIGNED:
        day = timezone.localdate(exam.signed_at)
        return [(*who, day, SIGNED, ""), (*who, day, TO_SIGN, band_of(exam.signed_at - exam.started_at))]
    day, engine = timezone.localdate(exam.completed_at), exam.engine_diagnosis
    rows = [
        (*who, day, COMPLETED, ""),
        (*who, day, DURATION, band_of(exam.completed_at - exam.started_at)),
        (*who, day, DIAGNOSIS, exam.final_diagnosis),
        (*who, day, ENGINE, engine),
        (*who, day, RELEASE, release_key(exam.protocol_code, exam.protocol_version)),
    ]
    if exam.final_diagnosis != engine:
        rows.append((*who, day, OVERRIDE, engine))
    tested = set(
        Finding.objects.filter(exam_id=exam.pk).exclude(result=Result.NOT_TESTED).values_list("maneuver", flat=True)
    )
    groups = _groups(exam.protocol_code, exam.protocol_version)
    rows += [(*who, day, SKIPPED, group) for group, maneuvers in groups.items() if not tested & set(maneuvers)]
    return rows


PER_CLINICIAN = ("clinic_id", "clinician_id", "day", "figure", "key")  # the order of a Row
PER_CLINIC = ("clinic_id", "day", "figure", "key")


def clinic_wide(tally: Counter[Row]) -> Counter[tuple[Any, ...]]:
    """The same counts summed over clinicians (DailyClinicCount's rows)."""
    summed: Counter[tuple[Any, ...]] = Counter()
    for (clinic, _, day, figure, key), n in tally.items():
        summed[(clinic, day, figure, key)] += n
    return summed


def month_of(day: dt.date) -> dt.date:
    """The month a day row adds to, named by its first day (MonthCount.month)."""
    return day.replace(day=1)


def monthly(tally: Counter[Row]) -> Counter[Row]:
    """The same counts summed over each local month (MonthlyCount's rows)."""
    summed: Counter[Row] = Counter()
    for (clinic, clinician, day, figure, key), n in tally.items():
        summed[(clinic, clinician, month_of(day), figure, key)] += n
    return summed


def _clinic_monthly(tally: Counter[Row]) -> Counter[tuple[Any, ...]]:
    return clinic_wide(monthly(tally))


Fold = Callable[[Counter[Row]], Counter[Any]]
# Every table of counts, with its columns and how it sums the one set of increments (contributions): in this
# order, which the migrations' historical models follow (counts_rebuild). Adding to each from the same tally is
# what keeps the clinic-wide and monthly sums equal to the per-clinician day rows.
TABLES: tuple[tuple[type[Model], tuple[str, ...], Fold], ...] = (
    (DailyCount, PER_CLINICIAN, Counter),
    (DailyClinicCount, PER_CLINIC, clinic_wide),
    (MonthlyCount, ("clinic_id", "clinician_id", "month", "figure", "key"), monthly),
    (MonthlyClinicCount, ("clinic_id", "month", "figure", "key"), _clinic_monthly),
)


def _upsert(model: type[Model], columns: tuple[str, ...], tally: Counter[Any], sign: int) -> None:
    """Add sign * n per row in one upsert (INSERT ... ON CONFLICT DO UPDATE) that SQLite and PostgreSQL speak."""
    table, q = model._meta.db_table, connection.ops.quote_name
    names, marks = ", ".join(q(c) for c in (*columns, "n")), ", ".join(["%s"] * (len(columns) + 1))
    sql = (
        f"INSERT INTO {q(table)} ({names}) VALUES ({marks}) ON CONFLICT ({', '.join(q(c) for c in columns)}) "  # noqa: S608 - names from the model
        f"DO UPDATE SET {q('n')} = {q(table)}.{q('n')} + excluded.{q('n')}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, sign * n) for row, n in tally.items()])


def counts_apply(rows: Iterable[Row], sign: int = 1) -> None:
    """Add (or with sign -1 take away) one per row, per clinician and clinic-wide, per day and per month."""
    tally = Counter(rows)
    if tally:
        for model, columns, fold in TABLES:
            _upsert(model, columns, fold(tally), sign)


def exam_progressed(sender: Any, exam: Exam, stage: str, **kwargs: Any) -> None:
    """Count a stage the exam services just wrote, in their transaction (exams.signals.exam_progressed)."""
    counts_apply(contributions(exam, stage))


def exam_erased(sender: Any, instance: Exam, **kwargs: Any) -> None:
    """Take away everything an exam added before it is deleted (pre_delete: its findings are still there)."""
    counts_apply([row for stage in stages_of(instance) for row in contributions(instance, stage)], -1)


def exam_counted(exam: Exam) -> None:
    """Count an exam written without the services (the tests' and benchmark's bulk seeds) as they would have."""
    counts_apply([row for stage in stages_of(exam) for row in contributions(exam, stage)])


def _grouped(exams: Any, field: str, *extra: str, **annotations: Any) -> Any:
    return (
        exams.annotate(day=TruncDate(field))
        .values("clinic_id", "clinician_id", "day", *extra)
        .annotate(n=Count("pk"), **annotations)
        .order_by()
    )


def counts_rebuild(exam_model: type[Model] = Exam, finding_model: type[Model] = Finding, *tables: type[Model]) -> int:
    """Recount every exam from scratch with grouped queries (no loop over exams); return the day rows written.

    Takes the models so the data migrations can pass their historical ones: the count tables in TABLES' order,
    as many as the migration's state has (0003 had only the per-clinician day rows, 0004 the clinic-wide ones
    too); without any, the live ones, all tables.
    """
    live = [model for model, _, _ in TABLES]
    targets = zip(tables or live, TABLES, strict=False)
    exams: Any = exam_model.objects.all()  # type: ignore[attr-defined]
    tally: Counter[Row] = Counter()

    def add(row: dict[str, Any], figure: str, key: str, n: int) -> None:
        tally[(row["clinic_id"], row["clinician_id"], row["day"], figure, key)] += n

    for r in _grouped(exams, "started_at", "protocol_version"):
        add(r, STARTED, "", r["n"])
        add(r, VERSION, r["protocol_version"], r["n"])
    done = exams.filter(status__in=DONE, completed_at__isnull=False)
    fields = ("final_diagnosis", "engine_diagnosis", "protocol_code", "protocol_version", "band")
    releases = set()
    overrides = Count("pk", filter=~Q(final_diagnosis=F("engine_diagnosis")))
    for r in _grouped(done.annotate(band=band_case("completed_at")), "completed_at", *fields, o=overrides):
        releases.add((r["protocol_code"], r["protocol_version"]))
        for figure, key, n in (
            (COMPLETED, "", r["n"]),
            (DURATION, r["band"], r["n"]),
            (DIAGNOSIS, r["final_diagnosis"], r["n"]),
            (ENGINE, r["engine_diagnosis"], r["n"]),
            (OVERRIDE, r["engine_diagnosis"], r["o"]),
            (RELEASE, release_key(r["protocol_code"], r["protocol_version"]), r["n"]),
        ):
            add(r, figure, key, n)
    tested = finding_model.objects.exclude(result=Result.NOT_TESTED)  # type: ignore[attr-defined]
    for code, version in sorted(releases):
        of_release = done.filter(protocol_code=code, protocol_version=version)
        for group, maneuvers in _groups(code, version).items():
            hit = tested.filter(exam=OuterRef("pk"), maneuver__in=maneuvers)
            for r in _grouped(of_release.exclude(Exists(hit)), "completed_at"):
                add(r, SKIPPED, group, r["n"])
    signed = exams.filter(status=Status.SIGNED, signed_at__isnull=False).annotate(band=band_case("signed_at"))
    for r in _grouped(signed, "signed_at", "band"):
        add(r, SIGNED, "", r["n"])
        add(r, TO_SIGN, r["band"], r["n"])
    written = 0
    for model, (_, columns, fold) in targets:
        model.objects.all().delete()  # type: ignore[attr-defined]
        rows = [model(**dict(zip(columns, row, strict=True)), n=n) for row, n in fold(tally).items() if n]
        model.objects.bulk_create(rows, batch_size=2000)  # type: ignore[attr-defined]
        written = written or len(rows)
    return written
