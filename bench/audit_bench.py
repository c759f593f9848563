"""What the audit trail adds to one tap: the bare event insert, and a whole tap with and without the middleware.

Run: .venv/bin/python bench/audit_bench.py [N]. Throwaway SQLite file (WAL, as in settings) unless DATABASE_URL
is set. Taps go through Django's test client with a real session, interleaved with and without
AuditMiddleware so drift hits both alike (target: the difference stays under 1 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.TemporaryDirectory(prefix="audit-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from audit.models import Action  # noqa: E402
from audit.services import event_record  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finding_save_bench import MANEUVERS, setup  # noqa: E402

WITHOUT_AUDIT = [m for m in settings.MIDDLEWARE if m != "audit.middleware.AuditMiddleware"]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(count: int) -> None:
    client, exam = setup()
    user = exam.clinician

    def insert() -> None:
        event_record(Action.UPDATE, "exam", exam.pk, user=user, clinic_id=exam.clinic_id, patient_id=1)

    def insert_in_transaction() -> None:
        with transaction.atomic():
            insert()
            insert_times.append(timed(insert))

    alone = [timed(insert) for _ in range(count)]
    insert_times: list[float] = []
    for _ in range(count):
        insert_in_transaction()
    with override_settings(MIDDLEWARE=WITHOUT_AUDIT):
        bare = Client()
        bare.force_login(user)
        bare.get(reverse("login"))  # its handler loads the middleware chain on this first request: no audit
    url = reverse("exams:finding-record", args=[exam.pk])
    taps = [(m, s) for m in MANEUVERS for s in ("left", "right")]
    state = {"i": 0}

    def tap(who: Client) -> None:
        exam.refresh_from_db(fields=["version"])
        maneuver, side = taps[state["i"] % len(taps)]
        result = "positive" if (state["i"] // len(taps)) % 2 == 0 else "negative"
        state["i"] += 1
        data = {"maneuver": maneuver, "side": side, "result": result, "familiar_pain": "yes", "version": exam.version}
        response = who.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content[:300]

    with_audit, without_audit = [], []
    for i in range(count + 20):
        # alternate which goes first, so whatever the first tap of a pair pays is shared out evenly
        if i % 2:
            a, b = timed(lambda: tap(client)), timed(lambda: tap(bare))
        else:
            b, a = timed(lambda: tap(bare)), timed(lambda: tap(client))
        if i >= 20:  # the first taps warm the protocol build, engine index and templates
            with_audit.append(a)
            without_audit.append(b)
    print(f"event insert, own commit: median {median_ms(alone):.3f} ms ({count} inserts)")
    print(
        f"event insert in the tap's transaction: median {median_ms(insert_times):.3f} ms "
        f"(p90 {statistics.quantiles(insert_times, n=10)[-1] * 1000:.3f} ms)"
    )
    print(f"tap without audit:        median {median_ms(without_audit):.2f} ms")
    print(f"tap with audit:           median {median_ms(with_audit):.2f} ms")
    print(f"audit cost per tap:       {median_ms(with_audit) - median_ms(without_audit):+.3f} ms (target < 1 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
