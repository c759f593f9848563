import hashlib

from exams.services import exam_sign
from reports.models import GeneratedDocument
from reports.services import document_generate
from tests.reports.scenarios import exam_answered


def _create_url(exam):
    return f"/api/v1/exams/{exam.pk}/documents"


def test_create_answers_201_with_metadata_and_download_url(api_client, completed_exam):
    response = api_client.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json")

    body = response.json()
    document = GeneratedDocument.objects.get()
    assert response.status_code == 201
    assert body["id"] == document.pk
    assert body["exam"] == completed_exam.pk
    assert (body["kind"], body["number"], body["recipient"]) == ("referral_letter", 1, "sports_physician")
    assert body["exam_version"] == completed_exam.version
    assert body["sha256"] == document.sha256
    assert body["size"] == document.size
    assert body["generated_by"] == "alice"
    assert body["download_url"] == f"/api/v1/documents/{document.pk}/pdf"


def test_create_with_a_chosen_recipient(api_client, completed_exam):
    response = api_client.post(
        _create_url(completed_exam), {"kind": "referral_letter", "recipient": "gp"}, format="json"
    )

    assert response.json()["recipient"] == "gp"


def test_create_for_a_signed_exam_twice_returns_the_frozen_document_with_200(api_client, completed_exam, clinician):
    exam_sign(exam=completed_exam, user=clinician)
    first = api_client.post(_create_url(completed_exam), {"kind": "treatment_plan"}, format="json")

    again = api_client.post(_create_url(completed_exam), {"kind": "treatment_plan"}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


def test_create_for_an_exam_in_progress_is_a_400_naming_the_exam(api_client, protocol, patient, clinician):
    exam = exam_answered(patient, clinician)

    response = api_client.post(_create_url(exam), {"kind": "treatment_plan"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"exam": ["Complete the exam before generating a letter or plan."]}


def test_create_with_bad_kind_or_recipient_names_the_field(api_client, completed_exam):
    bad_kind = api_client.post(_create_url(completed_exam), {"kind": "invoice"}, format="json")
    bad_recipient = api_client.post(
        _create_url(completed_exam), {"kind": "referral_letter", "recipient": "oracle"}, format="json"
    )

    assert bad_kind.status_code == 400
    assert "kind" in bad_kind.json()
    assert bad_recipient.status_code == 400
    assert "recipient" in bad_recipient.json()


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

    responses = [
        api_outsider.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json"),
        api_outsider.get(f"/api/v1/documents/{document.pk}"),
        api_outsider.get(f"/api/v1/documents/{document.pk}/pdf"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert GeneratedDocument.objects.count() == 1


def test_anonymous_gets_401_on_every_endpoint(api_anonymous, completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    responses = [
        api_anonymous.post(_create_url(completed_exam), {"kind": "referral_letter"}, format="json"),
        api_anonymous.get(f"/api/v1/documents/{document.pk}"),
        api_anonymous.get(f"/api/v1/documents/{document.pk}/pdf"),
    ]

    assert [r.status_code for r in responses] == [401, 401, 401]


def test_schema_documents_the_endpoints_with_examples(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    create = schema["paths"]["/api/v1/exams/{exam_id}/documents"]["post"]
    assert "examples" in create["requestBody"]["content"]["application/json"]
    assert "201" in create["responses"]
    assert "application/pdf" in schema["paths"]["/api/v1/documents/{id}/pdf"]["get"]["responses"]["200"]["content"]
