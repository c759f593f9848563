"""Seed the Lighthouse run's clinic: one clinician, a few patients, and one exam in progress with some answers.

Run by bench/lighthouse_bench.py under the production settings it measures, with the password it chose in
LIGHTHOUSE_PASSWORD; prints the user name and the exam's id.
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
from django.db import transaction  # noqa: E402

from clinics.models import Clinic, Membership  # noqa: E402
from exams import services  # noqa: E402
from exams.models import Exam, Finding, RedFlagAnswer  # noqa: E402
from patients.models import Patient  # noqa: E402
from protocols.registry import protocol_current  # noqa: E402

USERNAME = "lighthouse"
PASSWORD = os.environ["LIGHTHOUSE_PASSWORD"]


def main() -> None:
    protocol = protocol_current()
    with transaction.atomic():
        clinic, _ = Clinic.objects.get_or_create(name="Lighthouse Physio")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"first_name": "Lee", "last_name": "Hart"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            Membership.objects.create(user=user, clinic=clinic)
        patients = [
            Patient.objects.get_or_create(
                clinic=clinic,
                identifier=f"LH-{n:03d}",
                defaults={"given_name": "Pat", "family_name": f"Example {n}", "date_of_birth": dt.date(1975, 1, 1 + n)},
            )[0]
            for n in range(20)
        ]
        exam, _ = services.exam_start(clinic=clinic, patient=patients[0], clinician=user)  # as the page does
        Exam.objects.filter(pk=exam.pk).update(affected_side="left", current_step="deep_gluteal")
        for code in list(protocol.red_flags)[:3]:
            RedFlagAnswer.objects.get_or_create(exam=exam, code=code, defaults={"present": False})
        Finding.objects.get_or_create(exam=exam, maneuver="fair", side="left", defaults={"result": "positive"})
    print(USERNAME, exam.pk)


if __name__ == "__main__":
    main()
