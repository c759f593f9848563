"""Every write to an exam, each in its own transaction, raising DomainError / ConflictError / ReadOnlyError."""

from exams.services.answers import (
    affected_side_set,
    finding_record,
    maneuver_check,
    pain_region_set,
    red_flag_record,
    symptom_set,
)
from exams.services.lifecycle import (
    SUMMARY_STEP,
    addendum_add,
    exam_complete,
    exam_cosign,
    exam_sign,
    exam_start,
    exam_step_set,
    step_codes,
)
from exams.services.locking import AnswerSaved

__all__ = [
    "SUMMARY_STEP",
    "AnswerSaved",
    "addendum_add",
    "affected_side_set",
    "exam_complete",
    "exam_cosign",
    "exam_sign",
    "exam_start",
    "exam_step_set",
    "finding_record",
    "maneuver_check",
    "pain_region_set",
    "red_flag_record",
    "step_codes",
    "symptom_set",
]
