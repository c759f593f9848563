"""A seeded clinic with known answers: five exams in the last 30 days on protocols 1.0.0 and 1.1.0, one older.

exam who   version started state                               engine -> final            findings red flag
e1   alice 1.0.0   -5 d    completed +20 min, signed +2 h      sij_pain                   SIJ
e2   alice 1.1.0   -4 d    completed +40 min, signed +4 h      sij_pain -> piriformis     SIJ
e3   bob   1.0.0   -3 d    completed +30 min, unsigned (stale) sij_pain                   none
e4   bob   1.1.0   -2 d    open (stale)                                                            saddle
e5   alice 1.0.0   -2 h    open (fresh)
e6   alice 1.0.0   -60 d   completed +10 min, signed +1 h      gluteal_tendinopathy
Clinic B has one red-flag exam in the period that must never show.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from dashboard.counts import counts_rebuild, exam_counted
from dashboard.red_flags import red_flags_rebuild
from exams.models import Exam, Finding, RedFlagAnswer
from protocols.models import ProtocolVersion
from tests.factories import ExamFactory, PatientFactory

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
M = dt.timedelta(minutes=1)


@pytest.fixture
def releases(protocol):
    return releases_ensure()


def releases_ensure():
    """Both releases the dashboard must tell apart; 1.1.0 derived from 1.0.0 until its file ships."""
    if not ProtocolVersion.objects.filter(code="buttock-pain", version="1.1.0").exists():
        row = ProtocolVersion.objects.get(code="buttock-pain", version="1.0.0")
        ProtocolVersion.objects.create(
            code=row.code,
            version="1.1.0",
            title=row.title,
            definition={**row.definition, "version": "1.1.0"},
            care=row.care,
            sha256="derived-for-tests",
        )
    return ("1.0.0", "1.1.0")


def exam_at(
    clinic, clinician, version, started, *, completed=None, signed=None, engine="", final="", reason="", tested=()
):
    """An exam in any state at any time; `tested`: maneuvers with a (left, negative) result, stored before counting."""
    exam = ExamFactory(patient=PatientFactory(clinic=clinic), clinician=clinician, protocol_version=version)
    for maneuver in tested:
        Finding.objects.create(exam=exam, maneuver=maneuver, side="left", result="negative")
    status = "signed" if signed else "completed" if completed else "in_progress"
    fields = {"status": status, "started_at": started, "engine_diagnosis": engine, "final_diagnosis": final}
    if completed:
        fields |= {"completed_at": started + completed, "override_reason": reason}
    if signed:
        fields |= {"signed_at": started + signed, "signed_by": clinician}
    Exam.objects.filter(pk=exam.pk).update(**fields)
    exam.refresh_from_db()
    exam_counted(exam)  # written around the services, so counted as they would have
    return exam


@pytest.fixture
def seeded(releases, clinic, other_clinic, clinician, colleague, clinic_lead, outsider):
    return seed(clinic, other_clinic, clinician, colleague, outsider)


def seed(clinic, other_clinic, clinician, colleague, outsider):
    now = timezone.now()
    e1 = exam_at(
        clinic, clinician, "1.0.0", now - 5 * D, completed=20 * M, signed=2 * H, engine="sij_pain", final="sij_pain"
    )
    e2 = exam_at(
        clinic, clinician, "1.1.0", now - 4 * D, completed=40 * M, signed=4 * H,
        engine="sij_pain", final="piriformis_syndrome", reason="Deep gluteal tenderness reproduces the pain.",
    )  # fmt: skip
    e3 = exam_at(clinic, colleague, "1.0.0", now - 3 * D, completed=30 * M, engine="sij_pain", final="sij_pain")
    e4 = exam_at(clinic, colleague, "1.1.0", now - 2 * D)
    e5 = exam_at(clinic, clinician, "1.0.0", now - 2 * H)
    e6 = exam_at(
        clinic, clinician, "1.0.0", now - 60 * D, completed=10 * M, signed=H,
        engine="gluteal_tendinopathy", final="gluteal_tendinopathy",
    )  # fmt: skip
    for exam in (e1, e2):
        Finding.objects.create(
            exam=exam, maneuver="sij_thigh_thrust", side="left", result="positive", familiar_pain=True
        )
    Finding.objects.create(exam=e3, maneuver="fair", side="left", result="not_tested")
    RedFlagAnswer.objects.create(exam=e4, code="saddle_anaesthesia", present=True)
    RedFlagAnswer.objects.create(exam=e4, code="bladder_dysfunction", present=False)
    foreign = exam_at(other_clinic, outsider, "1.0.0", now - D, completed=5 * M, engine="sij_pain", final="sij_pain")
    RedFlagAnswer.objects.create(exam=foreign, code="saddle_anaesthesia", present=True)
    counts_rebuild()  # the findings came after the exams: count everything again, as the data migration does
    red_flags_rebuild()  # and the red-flag answers were written around the services: mark those exams too
    return SimpleNamespace(e1=e1, e2=e2, e3=e3, e4=e4, e5=e5, e6=e6, foreign=foreign, now=now)
