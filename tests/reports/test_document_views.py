import hashlib

import pytest
from django.urls import reverse

from reports.models import DocumentJob, GeneratedDocument
from reports.rendering import job_run
from reports.services import document_generate
from tests.reports.scenarios import exam_answered


def _create_url(exam, kind):
    return reverse("reports:document-create", args=[exam.pk, kind])


def test_generate_queues_and_the_job_page_links_the_new_document(client_clinician, completed_exam):
    response = client_clinician.post(_create_url(completed_exam, "referral_letter"), {"recipient": "gp"})
    job = DocumentJob.objects.get()
    assert response["Location"] == reverse("reports:job-detail", args=[job.pk])
    job_run(job.pk)

    page = client_clinician.get(response["Location"]).content.decode()

    document = GeneratedDocument.objects.get()
    assert reverse("reports:document-download", args=[document.pk]) in page
    assert document.recipient == "gp"


def test_generate_without_a_recipient_uses_the_default_rule(client_clinician, completed_exam):
    client_clinician.post(_create_url(completed_exam, "referral_letter"))
    job_run(DocumentJob.objects.get().pk)

    assert GeneratedDocument.objects.get().recipient == "sports_physician"


def test_download_returns_the_stored_bytes_unchanged(client_clinician, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)
    url = reverse("reports:document-download", args=[document.pk])

    first = client_clinician.get(url)
    second = client_clinician.get(url)

    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert "no-store" in first["Cache-Control"]
    assert first.content == second.content == bytes(document.content)
    assert hashlib.sha256(first.content).hexdigest() == document.sha256


def test_download_inline_opens_in_the_browser(client_clinician, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)

    response = client_clinician.get(reverse("reports:document-download", args=[document.pk]) + "?inline=1")

    assert response["Content-Disposition"].startswith("inline;")


def test_generate_for_an_exam_in_progress_explains_why(client_clinician, protocol, patient, clinician):
    exam = exam_answered(patient, clinician)

    response = client_clinician.post(_create_url(exam, "referral_letter"))

    assert response.status_code == 400
    assert "Complete the exam before generating a letter or plan." in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_unknown_kind_is_a_400(client_clinician, completed_exam):
    response = client_clinician.post(_create_url(completed_exam, "invoice"))

    assert response.status_code == 400


def test_generate_refuses_get(client_clinician, completed_exam):
    assert client_clinician.get(_create_url(completed_exam, "referral_letter")).status_code == 405


def test_panel_offers_both_buttons_and_lists_versions(client_clinician, completed_exam, clinician):
    document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)

    response = client_clinician.get(reverse("reports:exam-documents", args=[completed_exam.pk]))

    page = response.content.decode()
    assert "Referral letter (PDF)" in page
    assert "Treatment plan (PDF)" in page
    assert 'value="sports_physician" selected' in page
    assert "Treatment plan v1" in page


def test_panel_of_an_exam_in_progress_has_no_buttons(client_clinician, protocol, patient, clinician):
    exam = exam_answered(patient, clinician)

    page = client_clinician.get(reverse("reports:exam-documents", args=[exam.pk])).content.decode()

    assert "Referral letter (PDF)" not in page
    assert "Complete the exam" in page


def test_outsider_gets_404_everywhere(client_outsider, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    assert client_outsider.post(_create_url(completed_exam, "referral_letter")).status_code == 404
    assert client_outsider.get(reverse("reports:document-download", args=[document.pk])).status_code == 404
    assert client_outsider.get(reverse("reports:exam-documents", args=[completed_exam.pk])).status_code == 404
    assert GeneratedDocument.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, completed_exam, clinician, method):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)
    urls = {
        "get": reverse("reports:document-download", args=[document.pk]),
        "post": _create_url(completed_exam, "referral_letter"),
    }

    response = getattr(client, method)(urls[method])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert response.get("Content-Type") != "application/pdf"
    assert GeneratedDocument.objects.count() == 1
