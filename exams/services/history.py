"""History writes at the table: several fields at once or one per tap, refused when stale, like every answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.errors import ConflictError
from exams.history import history_changes_parse
from exams.models import Exam, ExamHistory
from exams.services.locking import AnswerSaved, exam_bump, exam_lock, version_check
from exams.steps import HISTORY_STEP

CHANGED_ELSEWHERE = "Changed on another device since you last looked; your change was not saved."


def history_value_json(value: Any) -> Any:
    """The stored value as JSON carries it (dates as ISO strings), for a conflict's `current`."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def history_record(*, exam: Exam, changes: Mapping[str, Any], version: int) -> AnswerSaved:
    """Store the given history fields together; a field another device wrote since `version` is refused.

    Every value is checked before anything is written, so a refusal names its field and stores nothing.
    """
    parsed = history_changes_parse(changes, today=timezone.localdate(), born=exam.patient.date_of_birth)
    with transaction.atomic():
        locked = exam_lock(exam=exam)
        version_check(exam=locked, version=version)
        row = ExamHistory.objects.select_for_update().filter(exam=locked).first()
        stored = row or ExamHistory(exam=locked)
        changed = {name: value for name, value in parsed.items() if getattr(stored, name) != value}
        if not changed:
            return AnswerSaved(exam=exam, changed=False, seen_version=version, version_before=locked.version)
        for name in changed:
            if stored.revisions.get(name, 0) > version:
                current = history_value_json(getattr(stored, name))
                raise ConflictError(name, CHANGED_ELSEWHERE, current=current, version=locked.version)
        before = exam_bump(locked=locked, exam=exam, step=HISTORY_STEP)
        for name, value in changed.items():
            setattr(stored, name, value)
            stored.revisions[name] = locked.version
        stored.save()
    return AnswerSaved(exam=exam, changed=True, seen_version=version, version_before=before)
