"""Exams for the document tests: real answers, completed through the exam services; stored documents; PDF readers."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from django.utils import timezone
from pypdf import PdfReader

from exams.models import Exam, PainRegionMark, RedFlagAnswer, SymptomMark
from exams.services import exam_complete
from protocols.registry import protocol_get
from reports.models import DeliveryMethod, DeliveryStatus, DocumentDelivery, GeneratedDocument
from tests.factories import ExamFactory, FindingFactory

UNSIDED = {"sij_distraction", "sij_compression", "sij_sacral_thrust", "repeated_movements_centralization"}


def _f(maneuver: str, result: str = "positive") -> tuple[str, str, bool | None]:
    return maneuver, result, True if result == "positive" else None


# Each scenario: answers that lead the engine to the named working diagnosis (left side affected).
SCENARIOS = {
    "piriformis_syndrome": {
        "findings": [
            _f("fair"),
            _f("seated_piriformis_stretch"),
            _f("active_piriformis"),
            _f("sij_distraction", "negative"),
            _f("sij_thigh_thrust", "negative"),
        ],
        "regions": ["deep_buttock"],
        "symptoms": ["worse_sitting", "back_pocket_wallet"],
    },
    "sij_pain": {
        "findings": [
            _f("sij_distraction"),
            _f("sij_thigh_thrust"),
            _f("sij_compression"),
            _f("sij_sacral_thrust"),
            _f("slump", "negative"),
        ],
        "regions": ["sacral_dimple"],
        "symptoms": ["worse_transitions"],
    },
    "gluteal_tendinopathy": {
        "findings": [
            _f("greater_trochanter_palpation"),
            _f("single_leg_stance_30s"),
            _f("resisted_external_derotation"),
        ],
        "regions": ["lateral_hip"],
        "symptoms": ["worse_lying_on_side"],
    },
    "proximal_hamstring_tendinopathy": {
        "findings": [
            _f("puranen_orava"),
            _f("bent_knee_stretch"),
            _f("modified_bent_knee_stretch"),
            _f("ischial_tuberosity_palpation"),
        ],
        "regions": ["ischial_tuberosity"],
        "symptoms": ["worse_sitting"],
    },
    "cauda_equina_syndrome": {
        "flags": ["saddle_anaesthesia", "bladder_dysfunction"],
        "findings": [_f("straight_leg_raise"), _f("fair", "negative")],
        "regions": ["posterior_thigh"],
        "symptoms": ["numbness_tingling"],
    },
    "serious_pathology": {"flags": ["history_of_cancer"], "findings": [_f("fair")], "regions": ["deep_buttock"]},
}


def exam_answered(patient, clinician, *, flags=(), findings=(), regions=(), symptoms=()):
    """Record an exam's answers without completing it."""
    exam = ExamFactory(patient=patient, clinician=clinician, affected_side="left")
    protocol = protocol_get(exam.protocol_code, exam.protocol_version)
    for code in protocol.red_flags:
        RedFlagAnswer.objects.create(exam=exam, code=code, present=code in flags)
    for maneuver, result, familiar in findings:
        side = "" if maneuver in UNSIDED else "left"
        FindingFactory(exam=exam, maneuver=maneuver, side=side, result=result, familiar_pain=familiar)
    for region in regions:
        PainRegionMark.objects.create(exam=exam, region=region, side="left")
    for code in symptoms:
        SymptomMark.objects.create(exam=exam, code=code)
    return exam


def exam_completed(patient, clinician, scenario: str, **complete):
    exam = exam_answered(patient, clinician, **SCENARIOS[scenario])
    exam_complete(exam=exam, **complete)
    exam.refresh_from_db()
    return exam


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


CONTENT = b"%PDF-1.7 stored bytes"


def exam_signed(patient, clinician, days_ago: int, version: str = "1.0.0") -> Exam:
    """A signed exam started `days_ago` days ago (started_at is set on insert, so it is moved afterwards)."""
    exam = ExamFactory(patient=patient, clinician=clinician, status="signed", protocol_version=version)
    Exam.objects.filter(pk=exam.pk).update(started_at=timezone.now() - dt.timedelta(days=days_ago))
    exam.refresh_from_db()
    return exam


def document_stored(exam, kind: str = "treatment_plan", number: int = 1, recipient: str = "") -> GeneratedDocument:
    """A stored document; the page lists them, so the bytes need not be a real render."""
    return GeneratedDocument.objects.create(
        clinic=exam.clinic,
        exam=exam,
        kind=kind,
        number=number,
        recipient=recipient,
        exam_version=1,
        content=CONTENT,
        sha256=hashlib.sha256(CONTENT).hexdigest(),
        size=len(CONTENT),
        generated_by=exam.clinician,
    )


def delivery_sent(document, to: str = "gp@example.org") -> DocumentDelivery:
    return DocumentDelivery.objects.create(
        clinic=document.clinic,
        document=document,
        method=DeliveryMethod.EMAIL,
        to=to,
        sent_by=document.generated_by,
        status=DeliveryStatus.SENT,
        sha256=document.sha256,
    )
