"""The documents API: ask (202 and a status URL), follow the job through the worker, download the same bytes."""

import hashlib

import pytest

from exams.services import exam_complete, exam_sign
from reports.jobs import document_request
from reports.models import DocumentJob, GeneratedDocument
from reports.rendering import job_run
from reports.services import document_generate
from tests.reports.scenarios import exam_answered, exam_completed, pdf_text
from tests.reports.worker import worker_drain


def _create_url(exam):
    return f"/api/v1/exams/{exam.pk}/documents"


def _ready(api_client, response):
    """Run the queued job through the worker's own run path, then read its status resource."""
    job_run(DocumentJob.objects.get(pk=response.json()["id"]).pk)
    return api_client.get(response["Location"])


def test_create_answers_202_with_the_job_and_its_status_url(api_client, completed_exam):
    response = api_client.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json")

    body = response.json()
    job = DocumentJob.objects.get()
    assert response.status_code == 202
    assert response["Location"] == body["status_url"] == f"/api/v1/document-jobs/{job.pk}"
    assert response["Retry-After"] == "2"
    assert (body["id"], body["exam"], body["kind"], body["status"]) == (
        job.pk,
        completed_exam.pk,
        "referral_letter",
        "queued",
    )
    assert (body["document"], body["download_url"], body["finished_at"]) == (None, None, None)
    assert not GeneratedDocument.objects.exists()  # nothing rendered in the request


def test_the_status_resource_links_the_pdf_once_ready(api_client, completed_exam):
    response = api_client.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json")
    assert api_client.get(response["Location"]).json()["status"] == "queued"

    ready = _ready(api_client, response)

    body = ready.json()
    document = GeneratedDocument.objects.get()
    assert ready.status_code == 200
    assert "Retry-After" not in ready
    assert body["status"] == "ready"
    assert body["download_url"] == f"/api/v1/documents/{document.pk}/pdf"
    metadata = body["document"]
    assert (metadata["id"], metadata["kind"], metadata["number"]) == (document.pk, "referral_letter", 1)
    assert (metadata["recipient"], metadata["generated_by"]) == ("sports_physician", "alice")
    assert (metadata["sha256"], metadata["size"]) == (document.sha256, document.size)
    assert metadata["exam_version"] == completed_exam.version
    pdf = api_client.get(body["download_url"], HTTP_ACCEPT="application/pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == document.sha256
    assert "Dear colleague" in pdf_text(pdf.content)


def test_a_failed_render_says_failed_and_why(api_client, completed_exam):
    response = api_client.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json")
    completed_exam.status = "in_progress"  # reopened before the worker got to it
    completed_exam.save(update_fields=["status"])

    body = _ready(api_client, response).json()

    assert body["status"] == "failed"
    assert body["error"] == "Complete the exam before generating a letter or plan."
    assert (body["document"], body["download_url"]) == (None, None)
    assert not GeneratedDocument.objects.exists()


def test_a_failed_job_is_retried_through_its_retry_url(api_client, completed_exam):
    response = api_client.post(_create_url(completed_exam), {"kind": "treatment_plan"}, format="json")
    assert response.json()["retry_url"] is None  # nothing to retry while queued
    completed_exam.status = "in_progress"
    completed_exam.save(update_fields=["status"])
    failed = _ready(api_client, response).json()
    completed_exam.status = "completed"
    completed_exam.save(update_fields=["status"])

    again = api_client.post(failed["retry_url"])

    assert again.status_code == 202
    assert (again.json()["status"], again.json()["error"], again.json()["retry_url"]) == ("queued", "", None)
    ready = _ready(api_client, response).json()
    assert ready["status"] == "ready"
    assert api_client.post(failed["retry_url"]).status_code == 200  # a ready job is left as it is
    assert GeneratedDocument.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_takes_the_api_request_to_a_pdf(api_client, protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    response = api_client.post(_create_url(exam), {"kind": "treatment_plan"}, format="json")

    worker_drain()

    body = api_client.get(response["Location"]).json()
    assert body["status"] == "ready"
    pdf = api_client.get(body["download_url"], HTTP_ACCEPT="application/pdf").content
    assert hashlib.sha256(pdf).hexdigest() == body["document"]["sha256"]
    assert "Your plan, Jane Doe" in pdf_text(pdf)


def test_create_with_a_chosen_recipient(api_client, completed_exam):
    response = api_client.post(
        _create_url(completed_exam), {"kind": "referral_letter", "recipient": "gp"}, format="json"
    )

    assert response.json()["recipient"] == "gp"
    assert _ready(api_client, response).json()["document"]["recipient"] == "gp"


def test_create_for_a_signed_exam_twice_is_ready_with_the_frozen_document(api_client, completed_exam, clinician):
    exam_sign(exam=completed_exam, user=clinician)
    first = _ready(api_client, api_client.post(_create_url(completed_exam), {"kind": "treatment_plan"}, format="json"))

    again = _ready(api_client, api_client.post(_create_url(completed_exam), {"kind": "treatment_plan"}, format="json"))

    assert again.json()["document"]["id"] == first.json()["document"]["id"]
    assert GeneratedDocument.objects.count() == 1


def test_create_for_an_exam_in_progress_is_a_400_naming_the_exam(api_client, protocol, patient, clinician):
    exam = exam_answered(patient, clinician)

    response = api_client.post(_create_url(exam), {"kind": "treatment_plan"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"exam": ["Complete the exam before generating a letter or plan."]}
    assert not DocumentJob.objects.exists()


def test_a_plan_without_a_working_diagnosis_is_a_400_at_once(api_client, protocol, patient, clinician):
    # Found by probing: it was accepted (202) and failed only in the worker.
    exam = exam_answered(patient, clinician)
    exam_complete(exam=exam)

    response = api_client.post(_create_url(exam), {"kind": "treatment_plan"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"exam": ["A treatment plan needs a working diagnosis: confirm one in the exam summary."]}
    assert not DocumentJob.objects.exists()
    assert api_client.post(_create_url(exam), {"kind": "referral_letter"}, format="json").status_code == 202


def test_create_with_bad_kind_or_recipient_names_the_field(api_client, completed_exam):
    bad_kind = api_client.post(_create_url(completed_exam), {"kind": "invoice"}, format="json")
    bad_recipient = api_client.post(
        _create_url(completed_exam), {"kind": "referral_letter", "recipient": "oracle"}, format="json"
    )

    assert bad_kind.status_code == 400
    assert "kind" in bad_kind.json()
    assert bad_recipient.status_code == 400
    assert "recipient" in bad_recipient.json()
    assert not DocumentJob.objects.exists()


def test_detail_returns_metadata_without_bytes(api_client, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)

    response = api_client.get(f"/api/v1/documents/{document.pk}")

    assert response.status_code == 200
    assert response.json()["sha256"] == document.sha256
    assert "content" not in response.json()


def test_pdf_returns_the_stored_bytes(api_client, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    response = api_client.get(f"/api/v1/documents/{document.pk}/pdf", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(document.content)
    assert hashlib.sha256(response.content).hexdigest() == document.sha256


def test_outsider_gets_404_on_every_endpoint(api_outsider, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)
    job = document_request(exam=completed_exam, kind="referral_letter", user=clinician)
    job_run(job.pk)

    responses = [
        api_outsider.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json"),
        api_outsider.get(f"/api/v1/document-jobs/{job.pk}"),
        api_outsider.post(f"/api/v1/document-jobs/{job.pk}/retry"),
        api_outsider.get(f"/api/v1/documents/{document.pk}"),
        api_outsider.get(f"/api/v1/documents/{document.pk}/pdf"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 404]
    assert DocumentJob.objects.count() == 1


def test_anonymous_gets_401_on_every_endpoint(api_anonymous, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)
    job = document_request(exam=completed_exam, kind="referral_letter", user=clinician)

    responses = [
        api_anonymous.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json"),
        api_anonymous.get(f"/api/v1/document-jobs/{job.pk}"),
        api_anonymous.post(f"/api/v1/document-jobs/{job.pk}/retry"),
        api_anonymous.get(f"/api/v1/documents/{document.pk}"),
        api_anonymous.get(f"/api/v1/documents/{document.pk}/pdf"),
    ]

    assert [r.status_code for r in responses] == [401, 401, 401, 401, 401]


def test_schema_documents_the_endpoints_with_examples(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    create = schema["paths"]["/api/v1/exams/{exam_id}/documents"]["post"]
    assert "examples" in create["requestBody"]["content"]["application/json"]
    assert set(create["responses"]) >= {"202", "400"}
    assert "201" not in create["responses"]
    job = schema["paths"]["/api/v1/document-jobs/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert set(job["examples"]) == {"Queued", "Ready", "Failed"}
    status = schema["components"]["schemas"]["DocumentJob"]["properties"]["status"]
    assert "ready" in status["description"]
    assert "application/pdf" in schema["paths"]["/api/v1/documents/{id}/pdf"]["get"]["responses"]["200"]["content"]
