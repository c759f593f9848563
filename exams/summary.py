"""The summary screen's content: working diagnosis with its evidence, red flags, and the sign-off state."""

from __future__ import annotations

from typing import Any

from exams.assessment import exam_age, exam_assessment, exam_protocol
from exams.history_screen import history_lines
from exams.models import Exam
from exams.panel import banner_build, cluster_lines, summary_entries
from exams.screens import step_links, step_url
from exams.selectors import addendum_list, exam_answers_get
from exams.steps import HISTORY_STEP, SUMMARY_STEP
from exams.words import exam_words


def summary_context(exam: Exam, **extra: Any) -> dict[str, Any]:
    """Prepare the summary from the stored assessment of a completed exam, else from a live one."""
    protocol = exam_protocol(exam)
    answers = exam_answers_get(exam=exam)
    assessment = exam_assessment(exam, answers)
    links = step_links(exam, protocol, SUMMARY_STEP, answers, [mark.maneuver for mark in assessment.unsafe_tests])
    working = assessment.working_diagnosis or ""
    conditions = {code: condition.label for code, condition in protocol.conditions.items()}
    present = [protocol.red_flags[c] for c, row in answers.red_flags.items() if row.present and c in protocol.red_flags]
    return {
        "exam": exam,
        "patient": exam.patient,
        "steps": links,
        "step": links[-1],
        "previous_url": links[-2].url,
        "entries": summary_entries(protocol, assessment, exam_words(exam)),
        "clusters": cluster_lines(assessment.clusters),
        "banner": banner_build(protocol, assessment.urgent_referral),
        "working": working,
        "working_label": conditions.get(working, ""),
        "final_label": conditions.get(exam.final_diagnosis, ""),
        "engine_label": conditions.get(exam.engine_diagnosis, ""),
        "conditions": sorted(conditions.items(), key=lambda item: item[1]),
        "red_flags_present": present,
        "red_flags_missing": len(protocol.red_flags) - len(answers.red_flags),
        "red_flag_url": step_url(exam, "red_flags"),
        "findings_count": len(answers.findings),
        "history_lines": history_lines(exam, answers.history),
        "history_url": step_url(exam, HISTORY_STEP),
        "age": exam_age(exam),
        "disclaimer": assessment.disclaimer,
        "protocol_version": assessment.protocol_version,
        "addenda": addendum_list(exam=exam),
        "editable": exam.is_editable,
        "form_values": {},
        "field_errors": {},  # a refused field's message, shown beside it
        "doubts": [],  # what completing would leave out: asked once (exams/completion.py)
        "notice": "",
        **extra,
    }
