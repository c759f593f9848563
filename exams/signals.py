"""What the exam services announce, for features above them (the dashboard's daily counts and red-flag exams) to follow.

A signal rather than a call: exams sit below the dashboard and must not import it. It is sent inside the
transaction of the write, with the exam row locked, so a receiver's own writes commit or roll back with it.
"""

from __future__ import annotations

from django.dispatch import Signal

STARTED, COMPLETED, SIGNED = "started", "completed", "signed"

# Sent with exam=<the written Exam, its new state> and stage=STARTED | COMPLETED | SIGNED.
exam_progressed = Signal()

# Sent with exam=<the Exam> and flagged=<bool> when a red-flag answer turns the exam's first flag present
# (True) or its last present flag off (False); answers that leave that unchanged send nothing.
exam_red_flagged = Signal()
