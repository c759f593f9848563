"""The words for an exam's codes (regions, symptoms, sides, results), read through the protocol it is pinned to.

One source for words (issue 12.5): 1.1.0 carries them in its release file; a 1.0.0 exam keeps the words of
its own release (its care file), so the screens, the API and the letters never disagree.
"""

from __future__ import annotations

from exams.models import Exam
from protocols.engine.rules import Labels
from protocols.registry import protocol_labels
from protocols.words import word as word  # one `word` for every reader; re-exported for the screens


def exam_words(exam: Exam) -> Labels:
    """Return the words of the exam's release; remembered on the instance (the registry lookup is a query)."""
    key = (exam.protocol_code, exam.protocol_version)
    cached: tuple[tuple[str, str], Labels] | None = getattr(exam, "_words_cached", None)
    if cached is None or cached[0] != key:
        cached = (key, protocol_labels(*key))
        exam._words_cached = cached  # type: ignore[attr-defined]
    return cached[1]


def side_word(words: Labels, side: str | None) -> str:
    """The release's word for a side ("Left"), or "" for no side: the screens never spell sides themselves."""
    return word(words, "sides", side) if side else ""
