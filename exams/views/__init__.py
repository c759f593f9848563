"""HTML views of the exam: thin function views over the selectors and services."""

from exams.views.answers import affected_side_set, finding_record, pain_region_set, red_flag_record, symptom_set
from exams.views.lifecycle import addendum_add, exam_complete, exam_cosign, exam_sign
from exams.views.pages import exam_detail, exam_start, exam_step

__all__ = [
    "addendum_add",
    "affected_side_set",
    "exam_complete",
    "exam_cosign",
    "exam_detail",
    "exam_sign",
    "exam_start",
    "exam_step",
    "finding_record",
    "pain_region_set",
    "red_flag_record",
    "symptom_set",
]
