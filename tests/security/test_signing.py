"""Who may sign: the examining clinician signs (and completes); a lead may co-sign; anyone adds addenda."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.reports.scenarios import exam_completed
from tests.security.conftest import last_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(protocol, patient, clinician):
    return exam_completed(patient, clinician, "piriformis_syndrome")


def _sign(client, exam):
    return client.post(reverse("exams:exam-sign", args=[exam.pk]))


def test_a_colleague_may_not_sign_someone_elses_exam(client, colleague, completed):
    client.force_login(colleague)

    response = _sign(client, completed)

    assert response.status_code == 403
    assert "Only the examining clinician" in response.content.decode()
    completed.refresh_from_db()
    assert (completed.status, completed.signed_by_id) == ("completed", None)


def test_nor_over_the_api(api_client, colleague, completed, clinician):
    from tests.conftest import _token_client

    response = _token_client(colleague).post(f"/api/v1/exams/{completed.pk}/sign")

    assert response.status_code == 403
    assert response.json()["__all__"]


def test_the_examiner_signs_and_a_lead_cosigns_attributed_and_audited(
    client_clinician, client_lead, clinician, clinic_lead, completed
):
    assert _sign(client_clinician, completed).status_code == 302
    assert client_lead.post(reverse("exams:exam-cosign", args=[completed.pk])).status_code == 302

    completed.refresh_from_db()
    assert (completed.signed_by_id, completed.cosigned_by_id) == (clinician.pk, clinic_lead.pk)
    event = last_event()
    assert (event.action, event.user_id, event.object_id) == ("cosign", clinic_lead.pk, str(completed.pk))
    assert client_lead.post(reverse("exams:exam-cosign", args=[completed.pk])).status_code == 409


def test_a_lead_cannot_sign_in_the_examiners_place_nor_a_clinician_cosign(client_lead, client, colleague, completed):
    assert _sign(client_lead, completed).status_code == 403
    client.force_login(colleague)
    assert client.post(reverse("exams:exam-cosign", args=[completed.pk])).status_code in (400, 403)


def test_only_the_examiner_completes(client, colleague, protocol, patient, clinician):
    from tests.factories import ExamFactory

    exam = ExamFactory(patient=patient, clinician=clinician)
    client.force_login(colleague)

    response = client.post(reverse("exams:exam-complete", args=[exam.pk]), {"version": exam.version})

    assert response.status_code == 403


def test_a_colleague_adds_an_addendum_under_their_own_name(client_clinician, client, colleague, completed):
    _sign(client_clinician, completed)
    client.force_login(colleague)

    client.post(reverse("exams:addendum-add", args=[completed.pk]), {"text": "Saw the patient at follow-up."})

    addendum = completed.addenda.get()
    assert addendum.author_id == colleague.pk
    assert (last_event().action, last_event().user_id) == ("addendum", colleague.pk)
