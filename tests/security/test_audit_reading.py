"""Leads read their clinic's trail (page, patient card, API); nobody else does, and nothing crosses clinics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action
from audit.services import event_record

pytestmark = pytest.mark.django_db
API = "/api/v1/audit-events"


@pytest.fixture
def trail(patient, other_patient, clinician, outsider):
    event_record(Action.VIEW, "patient", patient.pk, user=clinician, clinic_id=patient.clinic_id, patient_id=patient.pk)
    event_record(Action.SIGN, "exam", 3, user=clinician, clinic_id=patient.clinic_id, patient_id=patient.pk)
    event_record(
        Action.VIEW,
        "patient",
        other_patient.pk,
        user=outsider,
        clinic_id=other_patient.clinic_id,
        patient_id=other_patient.pk,
    )


def test_lead_reads_a_patients_events_over_the_api(client_lead, patient, trail):
    response = client_lead.get(API, {"patient": patient.pk})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3  # the factory's create, the view, the sign
    first = body["results"][0]
    assert {"at", "user", "action", "object_type", "object_id", "patient"} <= set(first)
    assert (first["action"], first["user"], first["patient"]) == ("sign", "alice", patient.pk)


def test_clinicians_may_not_read_the_trail(client_clinician, api_client, patient, trail):
    assert client_clinician.get(API).status_code == 403
    assert api_client.get(API).status_code == 403
    assert client_clinician.get(reverse("audit:trail")).status_code == 403


def test_another_clinics_patient_is_not_found_and_its_events_never_listed(client_lead, other_patient, trail):
    assert client_lead.get(API, {"patient": other_patient.pk}).status_code == 404
    assert all(row["patient"] != other_patient.pk for row in client_lead.get(API).json()["results"])


@pytest.mark.parametrize("value", ["abc", "9223372036854775808", "0"])
def test_a_bad_patient_filter_is_a_400_naming_the_field(client_lead, value):
    response = client_lead.get(API, {"patient": value})

    assert response.status_code == 400
    assert "patient" in response.content.decode()


def test_trail_page_filters_by_action_and_refuses_bad_dates(client_lead, trail):
    page = client_lead.get(reverse("audit:trail"), {"action": "sign"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 1
    assert client_lead.get(reverse("audit:trail"), {"since": "2026-13-40"}).status_code == 400


def test_patient_page_shows_the_trail_to_leads_only(client_lead, client_clinician, patient, trail):
    url = reverse("patients:patient-detail", args=[patient.pk])
    assert "Audit trail" in client_lead.get(url).content.decode()
    assert "Audit trail" not in client_clinician.get(url).content.decode()
