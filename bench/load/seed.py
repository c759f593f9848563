"""Seed the load test's clinic: N clinicians, each with a patient and an open exam, and a second patient whose
exam is completed (the one a document is asked for).

Run by bench/load_test.py under the production settings it measures. One password hash is computed and
shared, because hashing it per user (30 ms each as Argon2id) would slow the set-up for nothing.
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
from exams.models import Exam, RedFlagAnswer, Status  # noqa: E402
from exams.services import exam_complete  # noqa: E402
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
            completed_exam(clinic, user, n, protocol)
    print(f"seeded {count} clinicians in {clinic.name}")


def completed_exam(clinic: Clinic, user: object, n: int, protocol: object) -> None:
    """A second patient, LD-<n>, with a completed exam: every red flag answered no, one finding, confirmed."""
    patient, _ = Patient.objects.get_or_create(
        clinic=clinic,
        identifier=f"LD-{n:04d}",
        defaults={"given_name": "Done", "family_name": f"Patient {n}", "date_of_birth": dt.date(1980, 1, 1)},
    )
    if Exam.objects.filter(patient=patient, status=Status.COMPLETED).exists():
        return
    exam = Exam.objects.create(
        clinic=clinic,
        patient=patient,
        clinician=user,
        protocol_code=protocol.code,  # type: ignore[attr-defined]
        protocol_version=protocol.version,  # type: ignore[attr-defined]
        affected_side="left",
        current_step="summary",
    )
    for code in protocol.red_flags:  # type: ignore[attr-defined]
        RedFlagAnswer.objects.create(exam=exam, code=code, present=False)
    exam.findings.create(maneuver="fair", side="left", result="positive", familiar_pain=True)
    exam_complete(exam=exam, user=user)  # type: ignore[arg-type]


if __name__ == "__main__":
    main(int(sys.argv[1]))
