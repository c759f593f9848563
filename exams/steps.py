"""The exam's screens in order: the protocol's steps with the history after the red-flag screen, then the summary.

The history is the clinic's record of the patient's story, not protocol knowledge, so every protocol version
(1.0.0 exams included) gets it here rather than from its release file.
"""

from __future__ import annotations

from protocols.engine.types import Protocol

RED_FLAGS_STEP = "red_flags"
HISTORY_STEP = "history"
HISTORY_TITLE = "History"
SUMMARY_STEP = "summary"
SUMMARY_TITLE = "Summary and sign-off"


def exam_steps(protocol: Protocol) -> list[tuple[str, str]]:
    """Return (code, title) of every screen: red flags first, history next, the summary last."""
    steps = [(step.code, step.title) for step in protocol.steps]
    codes = [code for code, _ in steps]
    if HISTORY_STEP not in codes:
        at = codes.index(RED_FLAGS_STEP) + 1 if RED_FLAGS_STEP in codes else 0
        steps.insert(at, (HISTORY_STEP, HISTORY_TITLE))
    return [*steps, (SUMMARY_STEP, SUMMARY_TITLE)]
