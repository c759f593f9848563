"""Which exams carry a present red flag (RedFlagExam), kept in step with the answers and rebuilt from them.

The receiver runs inside the answer's transaction (exams.signals.exam_red_flagged), with the exam locked, so
the mark and the answer commit together; erasing the exam cascades to its mark. `red_flags_rebuild` marks
every flagged exam from the answers in one query, for the data migration and the bulk seeds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Model, OuterRef

from dashboard.models import RedFlagExam, ReferralMade
from exams.models import Exam, RedFlagAnswer
from reports.models import DocumentKind, GeneratedDocument

BATCH = 2000


def exam_red_flagged(sender: Any, exam: Exam, flagged: bool, **kwargs: Any) -> None:
    """Mark the exam when its first red flag turns present; unmark it when its last one is answered no.

    Flags change only while the exam is open and letters exist only once it is complete (reports.context.
    exam_completed_check), so a new mark has no letter. A lead may record the referral while the exam is still
    open, though, so a flag turned off and on again reads whether that record exists.
    """
    if flagged:  # INSERT ... ON CONFLICT DO NOTHING and one UPDATE, only on the tap that turns the first flag on
        who = {"clinic_id": exam.clinic_id, "clinician_id": exam.clinician_id, "started_at": exam.started_at}
        RedFlagExam.objects.bulk_create([RedFlagExam(exam_id=exam.pk, **who)], ignore_conflicts=True)
        made = Exists(ReferralMade.objects.filter(exam_id=exam.pk))
        RedFlagExam.objects.filter(exam_id=exam.pk).update(made=made)
    else:
        RedFlagExam.objects.filter(exam_id=exam.pk).delete()


def letter_stored(sender: Any, instance: GeneratedDocument, created: bool, **kwargs: Any) -> None:
    """A referral letter was produced for the exam: its red-flag mark (if any) says so."""
    if created and instance.kind == DocumentKind.REFERRAL_LETTER:
        RedFlagExam.objects.filter(exam_id=instance.exam_id, letter=False).update(letter=True)


def referral_stored(sender: Any, instance: ReferralMade, created: bool, **kwargs: Any) -> None:
    """The referral was recorded as made: its red-flag mark says so."""
    if created:
        RedFlagExam.objects.filter(exam_id=instance.exam_id, made=False).update(made=True)


def _done(document_model: type[Model], referral_model: type[Model], exam: OuterRef) -> dict[str, Exists]:
    """Whether the exam has a referral letter and a recorded referral, as expressions for the rebuild."""
    documents = document_model.objects.filter(exam=exam, kind=DocumentKind.REFERRAL_LETTER)  # type: ignore[attr-defined]
    return {"letter": Exists(documents), "made": Exists(referral_model.objects.filter(exam=exam))}  # type: ignore[attr-defined]


def red_flags_rebuild(models: dict[str, type[Model]] | None = None) -> int:
    """Mark every exam with a present red flag from scratch; return how many.

    `models` maps "exam", "answer", "mark", "document" and "referral" to historical models in a migration.
    """
    m = {"exam": Exam, "answer": RedFlagAnswer, "mark": RedFlagExam, "document": GeneratedDocument}
    m |= {"referral": ReferralMade, **(models or {})}
    present = m["answer"].objects.filter(exam=OuterRef("pk"), present=True)  # type: ignore[attr-defined]
    flagged = (
        m["exam"]  # type: ignore[attr-defined]
        .objects.filter(Exists(present))
        .annotate(**_done(m["document"], m["referral"], OuterRef("pk")))
        .values_list("pk", "clinic_id", "clinician_id", "started_at", "letter", "made")
    )
    mark_model = m["mark"]
    marks = mark_model.objects  # type: ignore[attr-defined]
    marks.all().delete()
    rows = [
        mark_model(exam_id=pk, clinic_id=clinic, clinician_id=who, started_at=at, letter=letter, made=made)
        for pk, clinic, who, at, letter, made in flagged.iterator(chunk_size=BATCH)
    ]
    marks.bulk_create(rows, batch_size=BATCH)
    return len(rows)
