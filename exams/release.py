"""The stored release an exam is pinned to, looked up once per request and remembered on the exam instance."""

from __future__ import annotations

from exams.models import Exam
from protocols.registry import Release, release_get


def exam_release(exam: Exam) -> Release:
    """Return the exam's release (knowledge and words); the registry lookup is a query, so ask it once."""
    key = (exam.protocol_code, exam.protocol_version)
    cached: tuple[tuple[str, str], Release] | None = getattr(exam, "_release_cached", None)
    if cached is None or cached[0] != key:
        cached = (key, release_get(*key))
        exam._release_cached = cached  # type: ignore[attr-defined]
    return cached[1]
