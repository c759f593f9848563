"""Exams for the document tests: real answers, completed through the exam services; PDF text readers."""

from __future__ import annotations

import io

from pypdf import PdfReader

from exams.models import PainRegionMark, RedFlagAnswer, SymptomMark
from exams.services import exam_complete
from protocols.registry import protocol_get
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
