"""Answer writes at the table: each is its own short transaction, idempotent, and refused when stale."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.errors import ConflictError, DomainError
from exams.assessment import exam_protocol
from exams.models import Exam, Finding, PainRegionMark, RedFlagAnswer, Result, Side, SymptomMark
from exams.selectors import ExamAnswers
from exams.services.locking import (
    AnswerSaved,
    answer_conflict_check,
    answer_transaction,
    exam_bump,
    exam_lock_answers,
)
from exams.signals import exam_red_flagged
from protocols.engine.types import Maneuver

SIDES = tuple(Side.values)
RESULTS = tuple(Result.values)
CHANGED_ELSEWHERE = "Changed on another device since you last looked; your tap was not saved."


def _unchanged(exam: Exam, version: int, locked: Exam, answers: ExamAnswers) -> AnswerSaved:
    return AnswerSaved(exam=exam, changed=False, seen_version=version, version_before=locked.version, answers=answers)


def _saved(exam: Exam, version: int, before: int, answers: ExamAnswers) -> AnswerSaved:
    return AnswerSaved(exam=exam, changed=True, seen_version=version, version_before=before, answers=answers)


def red_flag_record(*, exam: Exam, code: str, present: bool, version: int, held: bool = False) -> AnswerSaved:
    """Store the explicit yes or no to one red-flag question (`held`: see locking.exam_lock)."""
    if code not in exam_protocol(exam).red_flags:
        raise DomainError("code", f"Unknown red flag “{code}”.")
    with answer_transaction(held=held):
        locked, answers = exam_lock_answers(exam=exam, version=version, held=held)
        row = answers.red_flags.get(code)
        if row is not None and row.present == present:
            return _unchanged(exam, version, locked, answers)
        current = None if row is None else row.present
        answer_conflict_check(
            exam=locked, row=row, version=version, field="present", current=current, message=CHANGED_ELSEWHERE
        )
        flagged = _flagged(answers)
        with transaction.atomic(savepoint=False):  # the bump and the answer land together
            before = exam_bump(locked=locked, exam=exam, step="red_flags")
            if row is None:
                answers.red_flags[code] = RedFlagAnswer.objects.create(
                    exam=locked, code=code, present=present, revision=locked.version
                )
            else:
                row.present, row.revision = present, locked.version
                row.save(update_fields=["present", "revision", "updated_at"])
            if _flagged(answers) != flagged:
                exam_red_flagged.send(sender=Exam, exam=locked, flagged=not flagged)
    return _saved(exam, version, before, answers)


def _flagged(answers: ExamAnswers) -> bool:
    return any(row.present for row in answers.red_flags.values())


def _mark_set(
    *,
    exam: Exam,
    model: type[PainRegionMark] | type[SymptomMark],
    lookup: dict[str, str],
    present: bool,
    version: int,
    held: bool,
) -> AnswerSaved:
    """Add or remove one mark; marking twice or unmarking an absent mark changes nothing."""
    with answer_transaction(held=held):
        locked, answers = exam_lock_answers(exam=exam, version=version, held=held)
        marks: dict[Any, Any] = answers.regions if model is PainRegionMark else answers.symptoms
        key = (lookup["region"], lookup["side"]) if model is PainRegionMark else lookup["code"]
        row = marks.get(key)
        if (row is not None) == present:
            return _unchanged(exam, version, locked, answers)
        answer_conflict_check(
            exam=locked, row=row, version=version, field="present", current=True, message=CHANGED_ELSEWHERE
        )
        with transaction.atomic(savepoint=False):
            before = exam_bump(locked=locked, exam=exam, step="pain_map")
            if present:
                marks[key] = model.objects.create(exam=locked, revision=locked.version, **lookup)
            else:
                assert row is not None
                row.delete()
                del marks[key]
    return _saved(exam, version, before, answers)


def pain_region_set(
    *, exam: Exam, region: str, side: str, present: bool, version: int, held: bool = False
) -> AnswerSaved:
    """Mark or unmark one body-chart region on one side."""
    if region not in exam_protocol(exam).regions:
        raise DomainError("region", f"Unknown pain region “{region}”.")
    if side not in SIDES:
        raise DomainError("side", "Choose left or right for a pain region.")
    lookup = {"region": region, "side": side}
    return _mark_set(exam=exam, model=PainRegionMark, lookup=lookup, present=present, version=version, held=held)


def symptom_set(*, exam: Exam, code: str, present: bool, version: int, held: bool = False) -> AnswerSaved:
    """Mark or unmark one symptom descriptor from the history."""
    if code not in exam_protocol(exam).symptoms:
        raise DomainError("code", f"Unknown symptom “{code}”.")
    return _mark_set(exam=exam, model=SymptomMark, lookup={"code": code}, present=present, version=version, held=held)


def affected_side_set(
    *, exam: Exam, side: str, version: int, expected: str | None = None, held: bool = False
) -> AnswerSaved:
    """Set the symptomatic side; `expected` is the value the client saw, so a stale change is refused."""
    if side not in (*SIDES, ""):
        raise DomainError("side", "Choose left or right.")
    with answer_transaction(held=held):
        locked, answers = exam_lock_answers(exam=exam, version=version, held=held)
        if locked.affected_side == side:
            return _unchanged(exam, version, locked, answers)
        # The side has no revision of its own: compare with what the client saw instead.
        if expected is not None and locked.affected_side != expected:
            raise ConflictError("side", CHANGED_ELSEWHERE, current=locked.affected_side, version=locked.version)
        before = exam_bump(locked=locked, exam=exam, step="pain_map", affected_side=side)
    return _saved(exam, version, before, answers)


def maneuver_check(*, exam: Exam, maneuver: str, side: str) -> Maneuver:
    """Return the protocol's maneuver, refusing an unknown code or a side that does not fit it."""
    spec = exam_protocol(exam).maneuvers.get(maneuver)
    if spec is None:
        raise DomainError("maneuver", f"Unknown maneuver “{maneuver}”.")
    if spec.sided and side not in SIDES:
        raise DomainError("side", f"{spec.name} is done on each side: choose left or right.")
    if not spec.sided and side:
        raise DomainError("side", f"{spec.name} has no side: leave the side empty.")
    return spec


def finding_record(
    *, exam: Exam, maneuver: str, side: str, result: str, familiar_pain: bool | None, version: int, held: bool = False
) -> AnswerSaved:
    """Store one maneuver result; familiar pain is kept only for a positive provocation, where it matters."""
    spec = maneuver_check(exam=exam, maneuver=maneuver, side=side)
    if result not in RESULTS:
        raise DomainError("result", "Choose positive, negative, equivocal or not tested.")
    if familiar_pain is not None and not spec.provocation:
        raise DomainError("familiar_pain", f"{spec.name} is not a provocation maneuver: familiar pain does not apply.")
    familiar = familiar_pain if result == Result.POSITIVE else None
    with answer_transaction(held=held):
        locked, answers = exam_lock_answers(exam=exam, version=version, held=held)
        row = answers.findings.get((maneuver, side))
        if row is not None and (row.result, row.familiar_pain) == (result, familiar):
            return _unchanged(exam, version, locked, answers)
        current = None if row is None else {"result": row.result, "familiar_pain": row.familiar_pain}
        answer_conflict_check(
            exam=locked, row=row, version=version, field="result", current=current, message=CHANGED_ELSEWHERE
        )
        with transaction.atomic(savepoint=False):
            before = exam_bump(locked=locked, exam=exam, step=spec.group)
            if row is None:
                answers.findings[(maneuver, side)] = Finding.objects.create(
                    exam=locked,
                    maneuver=maneuver,
                    side=side,
                    result=result,
                    familiar_pain=familiar,
                    revision=locked.version,
                )
            else:
                row.result, row.familiar_pain, row.revision = result, familiar, locked.version
                row.save(update_fields=["result", "familiar_pain", "revision", "updated_at"])
    return _saved(exam, version, before, answers)
