"""The words for an exam's codes (regions, symptoms, sides, results), read through the protocol it is pinned to.

One source for words (issue 12.5): 1.1.0 carries them in its release file; a 1.0.0 exam keeps the words of
its own release (its care file), so the screens, the API and the letters never disagree.
"""

from __future__ import annotations

from exams.models import Exam
from exams.release import exam_release
from protocols.engine.rules import Labels
from protocols.words import word as word  # one `word` for every reader; re-exported for the screens


def exam_words(exam: Exam) -> Labels:
    """Return the words of the exam's release, from the same lookup as its protocol (exams.release)."""
    return exam_release(exam).labels


def side_word(words: Labels, side: str | None) -> str:
    """The release's word for a side ("Left"), or "" for no side: the screens never spell sides themselves."""
    return word(words, "sides", side) if side else ""
