"""The concurrency rules every exam write shares: lock the exam row, check the client's version, bump it."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import AnswerRow, Exam, Status
from exams.selectors import ExamAnswers, exam_answers_get

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
    # Every answer as it stands after this write, read under the exam's lock: the engine re-assesses from it
    # without reading the answer tables again (None: the caller reads them itself).
    answers: ExamAnswers | None = None

    @property
    def others_wrote(self) -> bool:
        """True when someone else changed the exam since the client last looked, so its screen is stale."""
        return self.version_before > self.seen_version


def exam_lock(*, exam: Exam, editable: bool = True, held: bool = False) -> Exam:
    """Return the exam row locked for this transaction; refuse writes to a completed or signed exam.

    The history comes with it (one join, locking only the exam row), so a write's answers cost one more query.
    `held`: the caller read `exam` with selectors.exam_get_for_write in the transaction still open, so it is
    the locked row already.
    """
    if held:
        if not connection.in_atomic_block:
            raise RuntimeError("A held exam lock ends with its transaction; lock the exam again.")
        locked = exam
    else:
        locked = Exam.objects.select_for_update(of=("self",)).select_related("history").get(pk=exam.pk)
    if editable and not locked.is_editable:
        raise ReadOnlyError(READ_ONLY_MESSAGES.get(locked.status, "This exam can no longer be changed."))
    return locked


def answer_transaction(*, held: bool) -> AbstractContextManager[Any]:
    """The transaction around one answer write: its own, or, when `held`, the request's that holds the lock.

    Held, the reads and checks need no savepoint (a refusal raises before anything is written, and the view then
    redraws in the same transaction); the writes go in `atomic(savepoint=False)`, so a failure among them dooms
    the whole request's transaction rather than leaving half a write. Two round trips fewer per tap.
    """
    return nullcontext() if held else transaction.atomic()


def exam_lock_answers(*, exam: Exam, version: int, held: bool = False) -> tuple[Exam, ExamAnswers]:
    """Lock the exam, check the client's version and read every answer under the lock, in two queries.

    Every writer of an answer holds this lock, so what is read here plus this write is the exam's whole state.
    The caller's instance is brought up to the locked row, so what it shows afterwards is what was assessed.
    """
    locked = exam_lock(exam=exam, held=held)
    version_check(exam=locked, version=version)
    for name in ("version", "affected_side", "current_step", "status"):
        setattr(exam, name, getattr(locked, name))
    return locked, exam_answers_get(exam=locked)


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
