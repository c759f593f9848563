"""A request refused before its view served anything records no read of patient data.

Found by probing a fresh server: an anonymous GET of an exam or document URL answered 302 to the sign-in
page and the trail still gained "view exam" / "download document" events with no user; a clinician (not
staff) sent from /admin/ to the admin's sign-in page gained "view exam" events naming another clinic's
patient; an admin URL with a non-numeric id was a 500; and an API list filtered on another clinic's patient
id stored that id, so the lead's trail showed it as an "erased patient" of their own clinic.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent


def _count() -> int:
    return AuditEvent.objects.count()


@pytest.mark.parametrize("name", ["exams:exam-detail", "exams:exam-step", "reports:document-download"])
def test_anonymous_request_sent_to_sign_in_records_nothing(client, exam, name):
    args = [exam.pk, "red_flags"] if name == "exams:exam-step" else [exam.pk]
    before = _count()

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert _count() == before


@pytest.mark.parametrize("model", ["exams_exam", "patients_patient"])
def test_member_without_admin_access_sent_to_admin_sign_in_records_nothing(client_outsider, exam, model):
    object_id = exam.pk if model == "exams_exam" else exam.patient_id
    before = _count()

    response = client_outsider.get(reverse(f"admin:{model}_change", args=[object_id]))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert _count() == before


@pytest.mark.parametrize("model", ["exams_exam", "reports_generateddocument", "patients_patient"])
@pytest.mark.parametrize("as_operator", [False, True])
def test_admin_url_with_a_non_numeric_id_is_not_a_server_error(client, django_user_model, model, as_operator):
    if as_operator:
        client.force_login(django_user_model.objects.create_superuser("op", "op@example.org", "operator-pass-2026"))

    response = client.get(f"/admin/{model.replace('_', '/', 1)}/x/change/")

    assert response.status_code < 500


def test_list_filtered_on_another_clinics_patient_stores_no_patient(api_client, other_patient):
    response = api_client.get("/api/v1/exams/", {"patient": other_patient.pk})

    assert response.status_code in (200, 404)
    listed = AuditEvent.objects.get(action="list", object_type="exam")
    assert listed.patient_id is None


def test_list_filtered_on_the_clinics_own_patient_still_names_them(api_client, patient):
    assert api_client.get("/api/v1/exams/", {"patient": patient.pk}).status_code == 200

    assert AuditEvent.objects.get(action="list", object_type="exam").patient_id == patient.pk
