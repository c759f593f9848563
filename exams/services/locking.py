"""The concurrency rules every exam write shares: lock the exam row, check the client's version, bump it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import AnswerRow, Exam, Status

READ_ONLY_MESSAGES: dict[str, str] = {
    Status.COMPLETED: "This exam is completed and can no longer be changed; sign it, then add an addendum.",
    Status.SIGNED: "This exam is signed and read-only; add an addendum instead.",
}


@dataclass(frozen=True, slots=True)
class AnswerSaved:
    """What one answer write did: `changed` is False for a repeat of the stored answer (no version bump)."""

    exam: Exam
    changed: bool
    seen_version: int  # the version the client last saw
    version_before: int  # the exam version just before this write

    @property
    def others_wrote(self) -> bool:
        """True when someone else changed the exam since the client last looked, so its screen is stale."""
        return self.version_before > self.seen_version


def exam_lock(*, exam: Exam, editable: bool = True) -> Exam:
    """Return the exam row locked for this transaction; refuse writes to a completed or signed exam."""
    locked = Exam.objects.select_for_update().get(pk=exam.pk)
    if editable and not locked.is_editable:
        raise ReadOnlyError(READ_ONLY_MESSAGES.get(locked.status, "This exam can no longer be changed."))
    return locked


def version_check(*, exam: Exam, version: int) -> None:
    """Refuse a version the exam never had: the client is tampered with or talks about another exam."""
    if not 1 <= version <= exam.version:
        raise DomainError("version", f"Unknown exam version {version}; reload the exam.")


def answer_conflict_check(
    *, exam: Exam, row: AnswerRow | None, version: int, field: str, current: Any, message: str
) -> None:
    """Refuse to change an answer someone else wrote after the client last saw the exam."""
    if row is not None and row.revision > version:
        raise ConflictError(field, message, current=current, version=exam.version)


def exam_bump(*, locked: Exam, exam: Exam, step: str = "", **fields: Any) -> int:
    """Advance the version (and any other exam fields) in one UPDATE; mirror it onto the caller's instance."""
    previous = locked.version
    locked.version += 1
    changed = {"version": locked.version, **fields}
    if step and locked.current_step != step:
        changed["current_step"] = step
    Exam.objects.filter(pk=locked.pk).update(**changed)
    for name, value in changed.items():
        setattr(locked, name, value)
        setattr(exam, name, value)
    return previous
