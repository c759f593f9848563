"""A lead exports a patient's whole record as a zip, archives them; an operator erases after retention."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from patients.models import Patient
from reports.services import document_generate
from tests.reports.scenarios import exam_completed
from tests.security.conftest import last_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    document = document_generate(exam=exam, kind="treatment_plan", user=clinician)
    return exam, document


def test_the_export_holds_every_exam_answer_and_the_stored_pdfs(client_lead, patient, recorded):
    exam, document = recorded

    response = client_lead.get(reverse("retention:patient-export", args=[patient.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    record = json.loads(archive.read("record.json"))
    assert record["patient"]["identifier"] == "RP-0001"
    assert [e["id"] for e in record["exams"]] == [exam.pk]
    findings = record["exams"][0]["answers"]["findings"]
    assert len(findings) == exam.findings.count() > 0
    assert archive.read(f"documents/{document.filename}") == bytes(document.content)
    assert archive.read(f"documents/{document.filename}").startswith(b"%PDF")
    event = last_event()
    assert (event.action, event.patient_id) == ("export", patient.pk)


def test_only_a_lead_of_the_clinic_exports(client_clinician, client_outsider, patient):
    url = reverse("retention:patient-export", args=[patient.pk])
    assert client_clinician.get(url).status_code == 403
    assert client_outsider.get(url).status_code in (403, 404)


def test_an_archived_patient_leaves_the_lists_and_can_come_back(client_lead, patient):
    client_lead.post(reverse("retention:patient-archive", args=[patient.pk]))

    assert "RP-0001" not in client_lead.get(reverse("patients:patient-list")).content.decode()
    assert client_lead.get("/api/v1/patients/").json()["count"] == 0
    client_lead.post(reverse("retention:patient-restore", args=[patient.pk]))
    assert "RP-0001" in client_lead.get(reverse("patients:patient-list")).content.decode()


def test_erasure_after_retention_keeps_the_events_without_the_identity(client_lead, patient, recorded, settings):
    client_lead.get(reverse("patients:patient-detail", args=[patient.pk]))
    client_lead.post(reverse("retention:patient-archive", args=[patient.pk]))
    before = AuditEvent.objects.filter(patient_id=patient.pk).count()

    out = StringIO()
    call_command("erase_archived", stdout=out)
    assert Patient.objects.filter(pk=patient.pk).exists()  # still within retention

    later = timezone.now() + dt.timedelta(days=settings.PATIENT_RETENTION_DAYS + 1)
    with time_machine.travel(later):
        call_command("erase_archived", stdout=out)

    assert not Patient.objects.filter(pk=patient.pk).exists()
    events = AuditEvent.objects.filter(patient_id=patient.pk)
    assert events.count() == before + 1
    assert events.filter(action="erase").exists()
    assert not any("Jane" in (e.username + e.detail + e.path) for e in events)
    trail = client_lead.get(reverse("audit:trail"), {"patient": patient.pk}).content.decode()
    assert f"erased patient #{patient.pk}" in trail
