"""Every read and write of patient data leaves one event naming who, what, which patient and from where."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from audit.services import event_record
from reports.services import document_generate
from tests.reports.scenarios import exam_completed
from tests.security.conftest import events, last_event

pytestmark = pytest.mark.django_db


def test_patient_page_view_names_the_reader_patient_clinic_and_address(client_clinician, clinician, patient):
    response = client_clinician.get(reverse("patients:patient-detail", args=[patient.pk]), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    event = last_event()
    assert (event.action, event.object_type, event.object_id) == ("view", "patient", str(patient.pk))
    assert (event.patient_id, event.clinic_id, event.user_id) == (patient.pk, patient.clinic_id, clinician.pk)
    assert (event.username, event.client_address) == ("alice", "10.1.2.3")


def test_a_refused_read_records_nothing(client_outsider, patient):
    before = AuditEvent.objects.count()
    assert client_outsider.get(reverse("patients:patient-detail", args=[patient.pk])).status_code == 404
    assert AuditEvent.objects.count() == before


def test_creating_a_patient_from_the_form_is_a_create_event(client_clinician, clinician, clinic):
    data = {"identifier": "RP-9", "given_name": "Ann", "family_name": "Lee", "date_of_birth": "1980-01-02"}
    data["sex"] = "female"
    response = client_clinician.post(reverse("patients:patient-create"), data)

    assert response.status_code == 302
    created = events(action="create", object_type="patient")
    assert len(created) == 1
    assert (created[0].user_id, created[0].clinic_id) == (clinician.pk, clinic.pk)
    assert created[0].patient_id == int(created[0].object_id)


def test_a_tap_records_an_update_of_the_exam_with_its_patient(client_clinician, exam):
    url = reverse("exams:finding-record", args=[exam.pk])
    data = {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": "yes", "version": exam.version}
    assert client_clinician.post(url, data, HTTP_HX_REQUEST="true").status_code == 200

    event = last_event()
    assert (event.action, event.object_type, event.object_id, event.patient_id) == (
        "update",
        "exam",
        str(exam.pk),
        exam.patient_id,
    )


def test_api_reads_with_a_token_are_attributed_to_the_token_user(api_client, clinician, patient):
    assert api_client.get(f"/api/v1/patients/{patient.pk}/").status_code == 200

    event = last_event()
    assert (event.action, event.user_id, event.clinic_id, event.patient_id) == (
        "view",
        clinician.pk,
        patient.clinic_id,
        patient.pk,
    )


def test_sign_addendum_and_download_are_their_own_actions(client_clinician, clinician, patient, protocol):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    assert client_clinician.post(reverse("exams:exam-sign", args=[exam.pk])).status_code == 302
    assert last_event().action == "sign"
    client_clinician.post(reverse("exams:addendum-add", args=[exam.pk]), {"text": "Phoned the GP."})
    assert last_event().action == "addendum"
    document = document_generate(exam=exam, kind="treatment_plan", user=clinician)
    assert client_clinician.get(reverse("reports:document-download", args=[document.pk])).status_code == 200

    event = last_event()
    assert (event.action, event.object_type, event.object_id, event.patient_id) == (
        "download",
        "document",
        str(document.pk),
        patient.pk,
    )


def test_sign_in_and_failed_sign_in_are_recorded_for_the_accounts_clinic(client, clinician, password):
    client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    failed = last_event()
    assert (failed.action, failed.username, failed.user_id) == ("sign-in-failed", "alice", None)
    assert failed.clinic_id == clinician.membership.clinic_id

    client.post(reverse("login"), {"username": "alice", "password": password})
    assert last_event().action == "sign-in"


def test_admin_reads_of_patients_are_recorded(client, patient, django_user_model):
    operator = django_user_model.objects.create_superuser("op", "op@example.org", "operator-pass-2026")
    client.force_login(operator)
    assert client.get(reverse("admin:patients_patient_change", args=[patient.pk])).status_code == 200

    event = last_event()
    assert (event.action, event.object_type, event.patient_id, event.detail) == ("view", "patient", patient.pk, "admin")


def test_event_record_outside_a_request_takes_who_from_its_arguments(clinician, patient):
    event = event_record(Action.SEND, "document", 7, user=clinician, clinic_id=patient.clinic_id, patient_id=patient.pk)

    assert (event.username, event.client_address, event.path) == ("alice", None, "")
