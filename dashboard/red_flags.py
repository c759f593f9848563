"""Which exams carry a present red flag (RedFlagExam), kept in step with the answers and rebuilt from them.

The receiver runs inside the answer's transaction (exams.signals.exam_red_flagged), with the exam locked, so
the mark and the answer commit together; erasing the exam cascades to its mark. `red_flags_rebuild` marks
every flagged exam from the answers in one query, for the data migration and the bulk seeds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Model, OuterRef

from dashboard.models import RedFlagExam
from exams.models import Exam, RedFlagAnswer

BATCH = 2000


def exam_red_flagged(sender: Any, exam: Exam, flagged: bool, **kwargs: Any) -> None:
    """Mark the exam when its first red flag turns present; unmark it when its last one is answered no."""
    if flagged:  # one INSERT ... ON CONFLICT DO NOTHING on the tap's path, not a read then a write
        who = {"clinic_id": exam.clinic_id, "clinician_id": exam.clinician_id, "started_at": exam.started_at}
        RedFlagExam.objects.bulk_create([RedFlagExam(exam_id=exam.pk, **who)], ignore_conflicts=True)
    else:
        RedFlagExam.objects.filter(exam_id=exam.pk).delete()


def red_flags_rebuild(
    exam_model: type[Model] = Exam, answer_model: type[Model] = RedFlagAnswer, mark_model: type[Model] = RedFlagExam
) -> int:
    """Mark every exam with a present red flag from scratch; return how many. Takes historical models too."""
    present = answer_model.objects.filter(exam=OuterRef("pk"), present=True)  # type: ignore[attr-defined]
    flagged = exam_model.objects.filter(Exists(present)).values_list("pk", "clinic_id", "clinician_id", "started_at")  # type: ignore[attr-defined]
    marks = mark_model.objects  # type: ignore[attr-defined]
    marks.all().delete()
    rows = [
        mark_model(exam_id=pk, clinic_id=clinic, clinician_id=who, started_at=at)
        for pk, clinic, who, at in flagged.iterator(chunk_size=BATCH)
    ]
    marks.bulk_create(rows, batch_size=BATCH)
    return len(rows)
