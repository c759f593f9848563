"""How far each screen of an exam has got: done, partly done or not started, for the step buttons.

Worked out from the answers the screen already loaded (no query of its own), so every step page, every tap's
out-of-band refresh and the summary show the same states. What "done" means differs by screen:
every red-flag question answered; the history's onset, time since onset and both pain scores; a pain region
and the affected side; every side of every maneuver the red flags allow; the exam completed.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from exams.models import Exam
from exams.selectors import ExamAnswers
from exams.steps import HISTORY_STEP, RED_FLAGS_STEP, SUMMARY_STEP
from protocols.engine.types import Protocol

PAIN_MAP_STEP = "pain_map"
HISTORY_CORE = ("onset", "pain_now", "pain_worst")  # with one of onset_date / onset_weeks
HISTORY_ANY = (
    *HISTORY_CORE,
    "mechanism",
    "onset_date",
    "onset_weeks",
    "aggravating",
    "easing",
    "activity_1",
    "activity_1_score",
    "activity_2",
    "activity_2_score",
    "treatment",
    "medication",
    "relevant_history",
)


class StepState(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    TODO = "todo"

    @property
    def words(self) -> str:
        return {"done": "done", "partly": "partly done", "todo": "not started"}[self.value]

    @property
    def icon(self) -> str:
        return {"done": "✓", "partly": "◐", "todo": "○"}[self.value]


def _state(answered: int, needed: int) -> StepState:
    if needed and answered >= needed:
        return StepState.DONE
    return StepState.PARTLY if answered else StepState.TODO


def _filled(value: object) -> bool:
    return value not in (None, "")


def _history_state(answers: ExamAnswers) -> StepState:
    history = answers.history
    if history is None:
        return StepState.TODO
    core = [_filled(getattr(history, name)) for name in HISTORY_CORE]
    core.append(_filled(history.onset_date) or _filled(history.onset_weeks))
    if all(core):
        return StepState.DONE
    return StepState.PARTLY if any(_filled(getattr(history, name)) for name in HISTORY_ANY) else StepState.TODO


def _pain_map_state(exam: Exam, answers: ExamAnswers) -> StepState:
    parts = [bool(answers.regions), bool(exam.affected_side)]
    if all(parts):
        return StepState.DONE
    return StepState.PARTLY if any(parts) or answers.symptoms else StepState.TODO


def _maneuvers_state(
    protocol: Protocol, codes: Collection[str], answers: ExamAnswers, unsafe: Collection[str]
) -> StepState:
    slots = [
        (code, side)
        for code in codes
        if code not in unsafe
        for side in (("left", "right") if protocol.maneuvers[code].sided else ("",))
    ]
    answered = sum(1 for slot in slots if slot in answers.findings)
    if not slots:  # every maneuver here is forbidden by a red flag: nothing is left to do
        return StepState.DONE
    return _state(answered, len(slots))


def step_states(
    exam: Exam, protocol: Protocol, answers: ExamAnswers, unsafe: Collection[str] = ()
) -> dict[str, StepState]:
    """Return the state of every screen of the exam, keyed by step code (maneuver steps by the protocol's code)."""
    states = {
        RED_FLAGS_STEP: _state(len(answers.red_flags.keys() & protocol.red_flags.keys()), len(protocol.red_flags)),
        HISTORY_STEP: _history_state(answers),
        PAIN_MAP_STEP: _pain_map_state(exam, answers),
        SUMMARY_STEP: StepState.TODO if exam.is_editable else StepState.DONE,
    }
    for step in protocol.steps:
        if step.code not in states:
            states[step.code] = _maneuvers_state(protocol, step.maneuvers, answers, unsafe)
    return states
