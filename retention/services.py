"""One patient's whole record as a zip (JSON + stored PDFs), archiving, and erasure after retention.

Erasure deletes the patient and everything recorded about them; the audit events stay (they carry ids, never
names), so the trail still says who did what while the identity behind the id is gone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import Action
from audit.services import event_record
from patients.models import Patient
from retention.models import PatientArchive

PATIENT_FIELDS_SKIPPED = {"clinic"}


def _patient_dict(patient: Patient) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in patient._meta.concrete_fields:
        if field.name not in PATIENT_FIELDS_SKIPPED:
            data[field.attname] = getattr(patient, field.attname)
    return data


def record_export(*, patient: Patient) -> tuple[str, bytes]:
    """Return (filename, zip bytes): record.json with every exam and answer, and documents/ with each PDF."""
    from exams.api.exams import exam_detail_shape
    from reports.models import GeneratedDocument

    exams = list(patient.exams.order_by("started_at", "id"))
    documents = list(GeneratedDocument.objects.filter(exam__patient=patient).order_by("generated_at", "id"))
    record = {
        "exported_at": timezone.now(),
        "clinic": patient.clinic.name,
        "patient": _patient_dict(patient),
        "exams": [exam_detail_shape(exam) for exam in exams],
        "documents": [
            {
                "id": d.pk,
                "exam": d.exam_id,
                "kind": d.kind,
                "number": d.number,
                "sha256": d.sha256,
                "generated_at": d.generated_at,
                "file": f"documents/{d.filename}",
            }
            for d in documents
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.json", json.dumps(record, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for document in documents:
            archive.writestr(f"documents/{document.filename}", bytes(document.content))
    event_record(Action.EXPORT, "patient", patient.pk, patient_id=patient.pk, detail=f"zip, {len(exams)} exam(s)")
    return f"patient-{patient.identifier}-record.zip".replace("/", "-"), buffer.getvalue()


def patient_archive(*, patient: Patient, user: Any, reason: str = "") -> PatientArchive:
    archive, _ = PatientArchive.objects.get_or_create(
        patient=patient, defaults={"archived_at": timezone.now(), "archived_by_id": user.pk, "reason": reason[:200]}
    )
    event_record(Action.ARCHIVE, "patient", patient.pk, patient_id=patient.pk)
    return archive


def patient_restore(*, patient: Patient) -> None:
    PatientArchive.objects.filter(patient=patient).delete()
    event_record(Action.RESTORE, "patient", patient.pk, patient_id=patient.pk)


def erasable(now: dt.datetime | None = None) -> QuerySet[PatientArchive]:
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.PATIENT_RETENTION_DAYS)
    return PatientArchive.objects.filter(archived_at__lte=cutoff).select_related("patient")


def patient_erase(*, patient: Patient) -> None:
    """Delete the patient and every row about them, in dependency order, in one transaction."""
    from reports.models import DocumentDelivery, DocumentJob, GeneratedDocument

    patient_id, clinic_id = patient.pk, patient.clinic_id
    with transaction.atomic():
        DocumentDelivery.objects.filter(document__exam__patient=patient).delete()
        DocumentJob.objects.filter(exam__patient=patient).delete()
        GeneratedDocument.objects.filter(exam__patient=patient).delete()
        patient.exams.all().delete()
        patient.delete()
        event_record(Action.ERASE, "patient", patient_id, patient_id=patient_id, clinic_id=clinic_id)
