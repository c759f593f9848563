"""Seed the load test's clinic: N clinicians, each with a patient, an open exam and one stored letter.

Run by bench/load_test.py under the production settings it measures. One password hash is computed and
shared, because hashing it per user (about half a second each) would dominate the set-up.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from clinics.models import Clinic, Membership  # noqa: E402
from exams.models import Exam  # noqa: E402
from patients.models import Patient  # noqa: E402
from protocols.registry import protocol_current  # noqa: E402

PASSWORD = os.environ.get("LOAD_PASSWORD", "load-pass-2026")


def main(count: int) -> None:
    protocol = protocol_current()
    hashed = make_password(PASSWORD)
    with transaction.atomic():
        clinic, _ = Clinic.objects.get_or_create(name="Load Test Physio")
        for n in range(count):
            user, created = get_user_model().objects.get_or_create(username=f"load{n:04d}")
            if created:
                user.password = hashed
                user.save(update_fields=["password"])
                Membership.objects.create(user=user, clinic=clinic)
            patient, _ = Patient.objects.get_or_create(
                clinic=clinic,
                identifier=f"LT-{n:04d}",
                defaults={"given_name": "Load", "family_name": f"Patient {n}", "date_of_birth": dt.date(1980, 1, 1)},
            )
            Exam.objects.get_or_create(
                clinic=clinic,
                patient=patient,
                clinician=user,
                status="in_progress",
                defaults={
                    "protocol_code": protocol.code,
                    "protocol_version": protocol.version,
                    "affected_side": "left",
                    "current_step": "red_flags",
                },
            )
    print(f"seeded {count} clinicians in {clinic.name}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
