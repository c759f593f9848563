"""What to ask the clinician once before completing: tests left out on the affected side, clusters left half done.

Neither stops completion (the clinician may have good reasons, and a red flag may forbid a test), but both
weaken the working diagnosis, so the summary asks once, naming them, before storing the assessment.
Maneuvers the present red flags forbid are never asked about.
"""

from __future__ import annotations

from dataclasses import dataclass

from exams.assessment import exam_assess, exam_protocol
from exams.models import Exam
from exams.panel import cluster_lines
from exams.screens import step_url
from exams.selectors import ExamAnswers, exam_answers_get
from exams.steps import exam_steps
from protocols.engine.types import Assessment, Protocol

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


@dataclass(frozen=True, slots=True)
class Doubt:
    text: str
    step: str = ""  # the title of the step where it can be done, linked to it
    url: str = ""


def completion_doubts(exam: Exam, protocol: Protocol, answers: ExamAnswers, assessment: Assessment) -> list[Doubt]:
    """Return what is missing, in the protocol's step order: one line per step, then one per undecided cluster."""
    side = exam.affected_side
    unsafe = {mark.maneuver for mark in assessment.unsafe_tests}
    doubts = []
    titles = dict(exam_steps(protocol))
    if side:
        for step in protocol.steps:
            names = [
                protocol.maneuvers[code].name
                for code in step.maneuvers
                if protocol.maneuvers[code].sided and code not in unsafe and (code, side) not in answers.findings
            ]
            if names:
                doubts.append(
                    Doubt(
                        f"{titles[step.code]}: not tested on the affected ({side}) side: {', '.join(names)}.",
                        step_url(exam, step.code),
                    )
                )
    # A cluster with a published rule, begun and not yet decided either way (one without a rule never decides).
    open_clusters = tuple(c for c in assessment.clusters if c.tested and c.threshold and not c.decided)
    for line in cluster_lines(open_clusters):
        doubts.append(Doubt(f"{line.text} left undecided ({line.detail})."))
    return doubts


def exam_doubts(exam: Exam) -> list[Doubt]:
    """The doubts of an exam in progress, from its answers now (a finished exam has none left to ask about)."""
    if not exam.is_editable:
        return []
    answers = exam_answers_get(exam=exam)
    return completion_doubts(exam, exam_protocol(exam), answers, exam_assess(exam, answers))
