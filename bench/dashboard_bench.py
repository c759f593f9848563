"""Time the clinic lead's dashboard and its CSV export at 1,000, 10,000 and 100,000 exams (issue 15).

Run: .venv/bin/python bench/dashboard_bench.py [ROUNDS]. Uses a throwaway SQLite file (WAL, as in settings)
unless DATABASE_URL is set (a database an earlier run seeded is reused). One database holds three clinics of
1k, 10k and 100k bulk-inserted exams spread evenly over the last two years, so the sizes are timed interleaved
in one process and load drift does not skew the 100k/1k ratio. As in a working clinic, exams older than 3 days
are 99% signed (the rest left unsigned or open: what "needs attention" lists), the last 3 days' half signed,
30% completed, 20% open; one patient each, both protocol releases, two findings in 85% of each exam's maneuver
groups, three red-flag answers each; the dashboard's daily counts and red-flag marks are then rebuilt from
them, as the data migrations do for existing exams (a reused database was counted by those migrations). Each
request goes through the full middleware stack as a signed-in, two-factor verified lead (Django's test client).

Printed: median and p90 per size of the default 30-day dashboard and of a range covering every exam (every
figure then aggregates all of them), and of the export of every exam; the 100k/1k ratio of each (target at
most 1.3x for the dashboard; the export's rows grow 100x with the data, so its figure is the time per row);
the query count per size (must not change); the Python peak memory of streaming the 100k export (tracemalloc).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.TemporaryDirectory(prefix="dashboard-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from clinics.models import Clinic, Membership, Role  # noqa: E402
from dashboard.counts import counts_rebuild  # noqa: E402
from dashboard.red_flags import red_flags_rebuild  # noqa: E402
from exams.models import Exam, Finding, RedFlagAnswer, Result, Status  # noqa: E402
from patients.models import Patient  # noqa: E402
from protocols.models import ProtocolVersion  # noqa: E402
from protocols.registry import protocol_get, protocol_versions_sync  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
HISTORY_DAYS = 730
BATCH = 5_000
RECENT = dt.timedelta(days=3)
CONDITIONS = ("sij_pain", "piriformis_syndrome", "hamstring_tendinopathy", "gluteal_tendinopathy", "")
FINDING_COLUMNS = ("exam_id", "revision", "updated_at", "maneuver", "side", "result", "familiar_pain", "note")
FLAGS = ("saddle_anaesthesia", "bladder_dysfunction", "unexplained_weight_loss")


def _lead_client(clinic: Clinic, name: str) -> Client:
    """A lead signed in with a verified second factor, as the two-factor step leaves the session."""
    users = get_user_model().objects
    lead = users.create_user(name, first_name="Lead", last_name=name)
    Membership.objects.create(user=lead, clinic=clinic, role=Role.CLINIC_LEAD)
    device = TOTPDevice.objects.create(user=lead, name="bench", confirmed=True)
    client = Client()
    client.force_login(lead)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _releases() -> list[tuple[str, str, dict[str, tuple[str, ...]]]]:
    """Every stored release with its maneuver groups, so exams use both versions and real maneuver codes."""
    found = []
    for code, version in ProtocolVersion.objects.values_list("code", "version"):
        protocol = protocol_get(code, version)
        found.append((code, version, {s.code: s.maneuvers for s in protocol.steps if s.maneuvers}))
    return found


def _exam(rng: random.Random, clinic: Clinic, patient: Patient, staff: list[int], release: tuple, now: dt.datetime):
    started = now - dt.timedelta(minutes=rng.randrange(HISTORY_DAYS * 24 * 60))
    roll, recent = rng.random(), now - started < RECENT
    # As in a working clinic: the last few days' exams are often still open or unsigned, older ones are signed
    # but for a few forgotten ones (what "needs attention" lists).
    signed_share, completed_share = (0.5, 0.8) if recent else (0.99, 0.995)
    status = (
        Status.SIGNED if roll < signed_share else Status.COMPLETED if roll < completed_share else Status.IN_PROGRESS
    )
    completed = started + dt.timedelta(minutes=rng.randrange(10, 60)) if status != Status.IN_PROGRESS else None
    signed = completed + dt.timedelta(hours=rng.randrange(1, 48)) if status == Status.SIGNED and completed else None
    engine = rng.choice(CONDITIONS) if completed else ""
    final = (engine if rng.random() < 0.85 else rng.choice(CONDITIONS)) if completed else ""
    who = rng.choice(staff)
    return Exam(
        clinic=clinic,
        patient=patient,
        clinician_id=who,
        protocol_code=release[0],
        protocol_version=release[1],
        status=status,
        started_at=started,
        completed_at=completed,
        signed_at=signed,
        signed_by_id=who if signed else None,
        engine_diagnosis=engine,
        final_diagnosis=final,
        override_reason="Judged on palpation." if final != engine else "",
    )


def _answers(rng: random.Random, exam: Exam, groups: dict[str, tuple[str, ...]], now: dt.datetime) -> tuple:
    """Rows for a raw executemany (bulk_create's model instances would make seeding take minutes)."""
    findings = []
    for maneuvers in groups.values():
        if rng.random() < 0.15:  # the group was skipped
            continue
        for maneuver in maneuvers[:2]:
            result = rng.choice((Result.POSITIVE, Result.NEGATIVE, Result.NEGATIVE, Result.NOT_TESTED))
            findings.append((exam.pk, 1, now, maneuver, "left", result, None, ""))
    flags = [(exam.pk, 1, now, code, rng.random() < 0.01) for code in FLAGS]
    return findings, flags


def _insert(model: type, columns: tuple[str, ...], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - names from the models


def clinic_seed(size: int, releases: list, rng: random.Random) -> tuple[Clinic, Client]:
    """Bulk-insert a clinic with `size` exams (one patient each) and return it with its lead's client."""
    clinic = Clinic.objects.create(name=f"Bench {size}")
    users = get_user_model().objects
    staff = []
    for i in range(6):
        user = users.create_user(f"c{size}-{i}", first_name=f"Clin{i}", last_name=str(size))
        Membership.objects.create(user=user, clinic=clinic)
        staff.append(user.pk)
    now = timezone.now()
    started_field = Exam._meta.get_field("started_at")
    started_field.auto_now_add = False  # keep the spread-out start times the bulk insert gives
    try:
        for first in range(0, size, BATCH):
            count = min(BATCH, size - first)
            with transaction.atomic():
                patients = Patient.objects.bulk_create(
                    Patient(
                        clinic=clinic,
                        identifier=f"B{size}-{first + i}",
                        given_name="Bench",
                        family_name=f"Patient {first + i}",
                        date_of_birth=dt.date(1970, 1, 1) + dt.timedelta(days=i % 9000),
                    )
                    for i in range(count)
                )
                picks = [releases[rng.randrange(len(releases))] for _ in patients]
                exams = Exam.objects.bulk_create(
                    _exam(rng, clinic, p, staff, r, now) for p, r in zip(patients, picks, strict=True)
                )
                findings, flags = [], []
                for exam, release in zip(exams, picks, strict=True):
                    more_findings, more_flags = _answers(rng, exam, release[2], now)
                    findings += more_findings
                    flags += more_flags
                _insert(Finding, FINDING_COLUMNS, findings)
                _insert(RedFlagAnswer, ("exam_id", "revision", "updated_at", "code", "present"), flags)
    finally:
        started_field.auto_now_add = True
    return clinic, _lead_client(clinic, f"lead{size}")


def _seeded(size: int, releases: list, rng: random.Random) -> tuple[Clinic, Client]:
    """Seed the clinic, or reuse it when DATABASE_URL points at a database an earlier run seeded."""
    clinic = Clinic.objects.filter(name=f"Bench {size}").first()
    if clinic is None:
        return clinic_seed(size, releases, rng)
    lead = get_user_model().objects.get(username=f"lead{size}")
    client = Client()
    client.force_login(lead)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=lead).persistent_id
    session.save()
    return clinic, client


def _timed_get(client: Client, url: str, stream: bool = False) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content) if stream else len(response.content)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, size


def _queries(client: Client, url: str, stream: bool = False) -> int:
    # A request first, so the idle-logoff mark (rewritten at most every 30 s) is not saved inside the count.
    client.get(reverse("dashboard:dashboard") + "?period=7")
    with CaptureQueriesContext(connection) as captured:
        _timed_get(client, url, stream)
    return len(captured)


def _export_peak(client: Client, url: str) -> tuple[float, int, int]:
    """Stream the export, dropping each chunk as it arrives; return the Python peak, rows and bytes."""
    tracemalloc.start()
    response = client.get(url)
    rows = total = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
        total += len(chunk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, rows - 1, total


def _line(name: str, times: dict[int, list[float]], per_row: bool = False) -> None:
    parts = []
    for size in SIZES:
        median = statistics.median(times[size]) * 1000
        p90 = statistics.quantiles(times[size], n=10)[-1] * 1000 if len(times[size]) > 1 else median
        parts.append(f"{size:>7,}: {median:7.1f} ms (p90 {p90:7.1f})")
    ratio = statistics.median(times[SIZES[-1]]) / statistics.median(times[SIZES[0]])
    if per_row:  # the export's rows grow with the data: what must stay flat is the time per row
        ratio *= SIZES[0] / SIZES[-1]
        print(f"{name:<26} " + " | ".join(parts) + f" | per row, 100k/1k {ratio:.2f}x")
    else:
        print(f"{name:<26} " + " | ".join(parts) + f" | 100k/1k {ratio:.2f}x (target <= 1.3x)")


def main(rounds: int) -> None:
    call_command("migrate", verbosity=0)
    protocol_versions_sync()
    releases = _releases()
    rng = random.Random(20261202)
    began = time.perf_counter()
    fresh = not Clinic.objects.filter(name__startswith="Bench ").exists()
    clinics = {size: _seeded(size, releases, rng) for size in SIZES}
    if fresh:  # bulk-inserted around the services, so counted as the data migration counts existing exams
        counted = time.perf_counter()
        rows, marks = counts_rebuild(), red_flags_rebuild()
        print(
            f"daily counts rebuilt: {rows:,} rows, {marks:,} red-flag exams, in {time.perf_counter() - counted:.1f} s"
        )
    print(
        f"seeded {sum(SIZES):,} exams ({Finding.objects.count():,} findings, "
        f"{RedFlagAnswer.objects.count():,} red-flag answers) on {connection.vendor} in "
        f"{time.perf_counter() - began:.0f} s; releases {', '.join(r[1] for r in releases)}"
    )
    # Planner statistics as a running database has them (and on PostgreSQL the visibility map that lets the
    # covering indexes answer without visiting the table, which autovacuum keeps in production).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    today = timezone.localdate()
    whole = {"period": "custom", "start": (today - dt.timedelta(days=HISTORY_DAYS)).isoformat(), "end": today}
    everything = "?" + "&".join(f"{k}={v}" for k, v in whole.items())
    urls = {
        "dashboard, last 30 days": (reverse("dashboard:dashboard"), False),
        "dashboard, all exams": (reverse("dashboard:dashboard") + everything, False),
        "export.csv, all exams": (reverse("dashboard:export") + everything, True),
    }
    for _, client in clinics.values():  # warm: protocol cache, templates, the page cache of each clinic's rows
        for url, stream in urls.values():
            _timed_get(client, url, stream)
    times: dict[str, dict[int, list[float]]] = {name: {size: [] for size in SIZES} for name in urls}
    for _ in range(rounds):  # interleaved, so drift hits every size alike
        for name, (url, stream) in urls.items():
            for size in SIZES:
                times[name][size].append(_timed_get(clinics[size][1], url, stream)[0])
    for name, (_, stream) in urls.items():
        _line(name, times[name], per_row=stream)
    for name, (url, stream) in urls.items():
        counts = {size: _queries(clinics[size][1], url, stream) for size in SIZES}
        same = "constant" if len(set(counts.values())) == 1 else "NOT constant"
        print(f"queries, {name:<17} " + ", ".join(f"{s:,}: {n}" for s, n in counts.items()) + f" ({same})")
    peak, rows, size = _export_peak(clinics[SIZES[-1]][1], urls["export.csv, all exams"][0])
    print(f"export of {rows:,} rows ({size / 2**20:.1f} MiB of CSV): Python peak {peak:.2f} MiB while streaming")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
