"""The daily counts stay equal to a recount from the exams: through the real services, erasure and the backfill."""

import importlib
from collections import Counter

import pytest
from django.apps import apps
from django.utils import timezone

from dashboard.counts import counts_rebuild
from dashboard.figures import dashboard_figures
from dashboard.models import DailyClinicCount, DailyCount
from exams.assessment import exam_assess
from exams.models import Result
from exams.services import exam_complete, exam_sign, exam_start, finding_record
from retention.services import patient_erase
from tests.dashboard.conftest import as_rebuilt
from tests.dashboard.test_figures import filters_for
from tests.exams.helpers import red_flags_answer_all
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def _snapshot() -> set[tuple]:
    rows = DailyCount.objects.filter(n__gt=0).values_list("clinic", "clinician", "day", "figure", "key", "n")
    return set(rows)


def _recounted() -> set[tuple]:
    """The counts a rebuild from the exams gives (the running ones are put back afterwards)."""
    return as_rebuilt(DailyCount, counts_rebuild, _snapshot)


@pytest.fixture
def worked(protocol, clinic, clinician):
    """Three exams through the services: one open, one completed with an override, one completed and signed."""
    opened, overridden, signed = (
        exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)[0] for _ in range(3)
    )
    for exam in (overridden, signed):
        red_flags_answer_all(exam)
    finding_record(
        exam=signed, maneuver="sij_thigh_thrust", side="left", result=Result.POSITIVE, familiar_pain=True, version=1
    )
    signed.refresh_from_db()
    engine = exam_assess(overridden).working_diagnosis or ""
    other = "piriformis_syndrome" if engine != "piriformis_syndrome" else "sij_pain"
    exam_complete(exam=overridden, final_diagnosis=other, override_reason="Tender over the piriformis.")
    exam_complete(exam=signed)
    exam_sign(exam=signed, user=clinician)
    for exam in (opened, overridden, signed):
        exam.refresh_from_db()
    return opened, overridden, signed


def test_the_services_keep_the_counts_equal_to_a_recount(worked, clinic, clinician):
    opened, overridden, signed = worked
    today = timezone.localdate()
    mine = (clinic.pk, clinician.pk, today)
    counts = _snapshot()

    assert counts == _recounted()
    assert (*mine, "started", "", 3) in counts
    assert (*mine, "completed", "", 2) in counts
    assert (*mine, "signed", "", 1) in counts
    assert (*mine, "override", overridden.engine_diagnosis, 1) in counts
    assert (*mine, "diagnosis", overridden.final_diagnosis, 1) in counts


def test_figures_from_the_running_counts(worked, clinic):
    opened, overridden, signed = worked
    figures = dashboard_figures(filters_for(clinic, days=7))

    assert figures["totals"] == {"started": 3, "completed": 2, "signed": 1}
    assert sum(w.started for w in figures["weeks"]) == 3
    assert sum(s.count for s in figures["diagnoses"]) == 2
    assert sum(s.count for s in figures["overrides"]) == 1
    assert sum(s.count for s in figures["versions"]) == 3
    skipped = {s.key: (s.count, s.total) for s in figures["skipped"]}
    assert skipped["sij_provocation"] == (1, 2)  # the signed exam tested it, the overridden one did not
    assert skipped["hamstring"] == (2, 2)


def test_erasing_a_patient_takes_their_exams_out_of_the_counts(worked, clinic):
    opened, overridden, signed = worked

    patient_erase(patient=signed.patient)

    assert _snapshot() == _recounted()
    figures = dashboard_figures(filters_for(clinic, days=7))
    assert figures["totals"] == {"started": 2, "completed": 1, "signed": 0}
    assert {s.key: s.count for s in figures["skipped"]}["sij_provocation"] == 1


def test_the_backfill_migration_counts_existing_exams_with_known_answers(seeded, clinic):
    DailyCount.objects.all().delete()
    migration = importlib.import_module("dashboard.migrations.0003_daily_count_backfill")

    migration.backfill(apps, None)

    assert dashboard_figures(filters_for(clinic))["totals"] == {"started": 5, "completed": 3, "signed": 2}
    figures = dashboard_figures(filters_for(clinic, days=90))
    assert figures["totals"] == {"started": 6, "completed": 4, "signed": 3}
    assert {s.key: s.count for s in figures["versions"]} == {"1.0.0": 4, "1.1.0": 2}


def _clinic_wide_is_the_sum() -> bool:
    summed: Counter[tuple] = Counter()
    for clinic, day, figure, key, n in DailyCount.objects.values_list("clinic", "day", "figure", "key", "n"):
        summed[(clinic, day, figure, key)] += n
    clinic_wide = DailyClinicCount.objects.filter(n__gt=0).values_list("clinic", "day", "figure", "key", "n")
    return bool(summed) and {(*row, n) for row, n in summed.items() if n} == set(clinic_wide)


def test_the_clinic_wide_counts_are_the_sum_over_clinicians(worked, colleague, clinic):
    exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=colleague)  # a second clinician
    assert _clinic_wide_is_the_sum()  # kept by the services

    patient_erase(patient=worked[2].patient)
    assert _clinic_wide_is_the_sum()

    counts_rebuild()
    assert _clinic_wide_is_the_sum()
