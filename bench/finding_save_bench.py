"""Time one autosaved tap (finding save + differential fragment) against a bare signed-in view, same process.

Run: .venv/bin/python bench/finding_save_bench.py [N]. Uses a throwaway SQLite file (WAL, as in settings) unless
DATABASE_URL is set; the file lives in /dev/shm when there is one, so the figure is what the app costs and not
how long this machine's disk takes to fsync a commit (the tap commits, the bare view does not): pass a
DATABASE_URL on disk to include it. Both paths go through the full middleware stack with a real session, via
Django's test client, so the ratio shows what the exam adds on top of any signed-in request (target: at most
1.5x). It also prints each path's round trips to the database.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
SHM = Path("/dev/shm")  # noqa: S108 - a private TemporaryDirectory inside it, removed at exit
_tmp = tempfile.TemporaryDirectory(prefix="finding-bench-", dir=SHM if SHM.is_dir() else None)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path, reverse  # noqa: E402

import config.urls  # noqa: E402
from clinics.models import Clinic, Membership  # noqa: E402
from exams.models import Exam  # noqa: E402
from patients.models import Patient  # noqa: E402
from protocols.registry import protocol_current, protocol_versions_sync  # noqa: E402

# How htmx posts a form without files (the test client defaults to multipart).
FORM = "application/x-www-form-urlencoded"
MANEUVERS = [
    "fair",
    "seated_piriformis_stretch",
    "active_piriformis",
    "pace_sign",
    "freiberg_sign",
    "slump",
    "straight_leg_raise",
    "puranen_orava",
    "bent_knee_stretch",
    "ifi_test",
]


def bare(request: HttpRequest) -> HttpResponse:
    """The floor: a signed-in request that does nothing (session, user and clinic are still loaded)."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *config.urls.urlpatterns]


def setup() -> tuple[Client, Exam]:
    call_command("migrate", verbosity=0)
    protocol_versions_sync()
    from django.contrib.auth import get_user_model

    clinic = Clinic.objects.create(name="Bench Physio")
    user = get_user_model().objects.create_user("bench")  # signed in with force_login; no password needed
    Membership.objects.create(user=user, clinic=clinic)
    patient = Patient.objects.create(
        clinic=clinic, identifier="B-1", given_name="Ben", family_name="Ch", date_of_birth="1980-01-01"
    )
    protocol = protocol_current()
    exam = Exam.objects.create(
        clinic=clinic,
        patient=patient,
        clinician=user,
        protocol_code=protocol.code,
        protocol_version=protocol.version,
        affected_side="left",
        current_step="red_flags",
    )
    client = Client()
    client.force_login(user)
    return client, exam


def main(count: int) -> None:
    client, exam = setup()
    url = reverse("exams:finding-record", args=[exam.pk])
    version = exam.version
    taps = [(m, s) for m in MANEUVERS for s in ("left", "right")]

    def save(i: int) -> float:
        nonlocal version
        maneuver, side = taps[i % len(taps)]
        result = "positive" if (i // len(taps)) % 2 == 0 else "negative"  # every tap changes an answer
        data = {"maneuver": maneuver, "side": side, "result": result, "familiar_pain": "yes", "version": version}
        start = time.perf_counter()
        response = client.post(url, urlencode(data), content_type=FORM, HTTP_HX_REQUEST="true")
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, response.content[:500]
        assert b'id="differential"' in response.content
        version = json.loads(response["HX-Trigger"])["examStatus"]["version"]
        return elapsed

    def floor() -> float:
        start = time.perf_counter()
        response = client.post(
            "/bench/bare/", urlencode({"version": version}), content_type=FORM, HTTP_HX_REQUEST="true"
        )
        elapsed = time.perf_counter() - start
        assert response.status_code == 200
        return elapsed

    for i in range(30):  # warm caches: protocol build, engine index, templates
        save(i)
        floor()
    saves, floors = [], []
    for i in range(count):  # interleaved, so drift hits both alike
        saves.append(save(i + 30))
        floors.append(floor())
    with CaptureQueriesContext(connection) as tap_queries:
        save(count + 30)
    with CaptureQueriesContext(connection) as floor_queries:
        floor()
    saved_ms, floor_ms = statistics.median(saves) * 1000, statistics.median(floors) * 1000
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"finding saves:       {count}, recorded findings at the end: {exam.findings.count()}")
    print(f"bare signed-in view: median {floor_ms:.2f} ms, {len(floor_queries)} queries")
    print(
        f"finding save + differential fragment: median {saved_ms:.2f} ms (p90 "
        f"{statistics.quantiles(saves, n=10)[-1] * 1000:.2f} ms), {len(tap_queries)} queries"
    )
    print(f"ratio: {saved_ms / floor_ms:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    with override_settings(ROOT_URLCONF=__name__):
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
