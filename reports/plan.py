"""The patient's exercise programme with each exercise's instructions, from the release's exercise library.

A release from 1.1.0 on links each programme exercise to an `exercises` entry (steps, what it should feel like,
when to progress and when to stop; reports/letter_care.py). A frozen release without the library (1.0.0) prints
each exercise with its dose and frequency and the plan's general rules instead of per-exercise steps.
"""

from __future__ import annotations

import datetime as dt

from protocols.care import ConditionCare
from reports.document import PlanExercise, PlanPhase
from reports.letter_care import LetterCare


def phases_build(plan: ConditionCare | None, extra: LetterCare) -> tuple[PlanPhase, ...]:
    """Return the programme's phases, each exercise joined to its guide when the release has one."""
    if plan is None:
        return ()
    phases = []
    for i, phase in enumerate(plan.programme.phases):
        exercises = []
        for j, exercise in enumerate(phase.exercises):
            guide = extra.exercises.get(extra.phase_exercises.get((plan.code, i, j), ""))
            exercises.append(
                PlanExercise(
                    name=exercise.name,
                    dosage=exercise.dosage,
                    frequency=exercise.frequency,
                    steps=guide.steps if guide else (),
                    feel=guide.feel if guide else "",
                    progress=guide.progress if guide else "",
                    stop=guide.stop if guide else "",
                    judgement=guide.judgement if guide else plan.programme.judgement,
                )
            )
        phases.append(PlanPhase(phase.name, phase.weeks, tuple(exercises), phase.progression))
    return tuple(phases)


def review_date(on: dt.date, weeks: int | None) -> dt.date | None:
    """The physiotherapy review the plan books: `weeks` after the plan, or None when a doctor sees them first."""
    return on + dt.timedelta(weeks=weeks) if weeks else None
