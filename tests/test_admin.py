"""The operator's admin lists exams and documents read-only, and clinic staff cannot open it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import ExamFactory, FindingFactory


@pytest.fixture
def operator_client(client, db):
    operator = get_user_model().objects.create_superuser("root", "root@example.com", "x-long-password-1")
    client.force_login(operator)
    return client


@pytest.mark.parametrize("name", ["exams_exam", "reports_generateddocument", "clinics_clinic", "patients_patient"])
def test_operator_sees_each_changelist(operator_client, name):
    assert operator_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_exam_is_shown_with_its_findings_but_cannot_be_changed(operator_client):
    finding = FindingFactory(maneuver="active_piriformis")

    page = operator_client.get(reverse("admin:exams_exam_change", args=[finding.exam_id]))
    post = operator_client.post(reverse("admin:exams_exam_change", args=[finding.exam_id]), {"status": "signed"})

    assert page.status_code == 200
    assert "active_piriformis" in page.text
    assert post.status_code == 403
    assert reverse("admin:exams_exam_add") not in page.text


def test_clinic_staff_cannot_open_the_admin(client_lead):
    ExamFactory()
    response = client_lead.get(reverse("admin:exams_exam_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
