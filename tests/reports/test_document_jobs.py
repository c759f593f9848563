"""Documents are rendered off the request path: a queued job, the real DB queue and its worker, then the PDF."""

import hashlib

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports import services
from reports.jobs import document_request, job_retry
from reports.models import DocumentJob, GeneratedDocument, JobStatus
from reports.rendering import RENDER_FAILED, job_run
from tests.reports.scenarios import exam_completed, pdf_text
from tests.reports.worker import worker_drain


def test_request_queues_a_job_and_a_task_row_without_rendering(completed_exam, clinician):
    job = document_request(exam=completed_exam, kind="referral_letter", user=clinician, recipient="gp")

    assert job.status == JobStatus.QUEUED
    task = DBTaskResult.objects.get(id=DocumentJob.objects.get(pk=job.pk).task_id)
    assert task.status == "READY"
    assert task.args_kwargs["args"] == [job.pk]
    assert not GeneratedDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_worker_renders_the_queued_document_end_to_end(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    job = document_request(exam=exam, kind="treatment_plan", user=clinician)

    worker_drain()

    job.refresh_from_db()
    assert job.status == JobStatus.READY, job.error
    document = job.document
    assert document.sha256 == hashlib.sha256(bytes(document.content)).hexdigest()
    assert "Your plan, Jane Doe" in pdf_text(bytes(document.content))
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_a_failed_render_is_recorded_stores_nothing_and_can_be_retried(completed_exam, clinician, monkeypatch):
    job = document_request(exam=completed_exam, kind="referral_letter", user=clinician)

    def broken(context):
        raise OSError("fonts missing")

    monkeypatch.setattr(services, "document_render", broken)
    assert job_run(job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.error == RENDER_FAILED
    assert not GeneratedDocument.objects.exists()

    monkeypatch.undo()
    job = job_retry(job)
    assert job.status == JobStatus.QUEUED
    assert job_run(job.pk) == JobStatus.READY
    assert GeneratedDocument.objects.count() == 1


def test_a_domain_refusal_at_render_time_is_shown_in_words(completed_exam, clinician):
    job = document_request(exam=completed_exam, kind="referral_letter", user=clinician)
    completed_exam.status = "in_progress"
    completed_exam.save(update_fields=["status"])

    job_run(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Complete the exam" in job.error


def test_plain_form_redirects_to_a_self_refreshing_preparing_page(client_clinician, completed_exam):
    url = reverse("reports:document-create", args=[completed_exam.pk, "referral_letter"])

    response = client_clinician.post(url, {"recipient": "gp"})

    job = DocumentJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job-detail", args=[job.pk])
    page = client_clinician.get(response["Location"]).content.decode()
    assert "Preparing the PDF" in page
    assert 'http-equiv="refresh"' in page
    assert 'hx-trigger="every 2s"' in page


def test_htmx_gets_the_panel_showing_preparing_then_the_link(client_clinician, completed_exam):
    url = reverse("reports:document-create", args=[completed_exam.pk, "treatment_plan"])

    panel = client_clinician.post(url, headers={"HX-Request": "true"}).content.decode()

    assert "Preparing the treatment plan" in panel
    assert 'hx-trigger="every 2s"' in panel
    job_run(DocumentJob.objects.get().pk)
    panel = client_clinician.get(reverse("reports:exam-documents", args=[completed_exam.pk])).content.decode()
    assert "Treatment plan v1" in panel
    assert "every 2s" not in panel
    status = client_clinician.get(reverse("reports:job-detail", args=[DocumentJob.objects.get().pk]))
    assert "Open the PDF" in status.content.decode()


def test_unknown_recipient_is_refused_at_once_and_nothing_is_queued(client_clinician, completed_exam):
    url = reverse("reports:document-create", args=[completed_exam.pk, "referral_letter"])

    response = client_clinician.post(url, {"recipient": "astrologer"})

    assert response.status_code == 400
    assert "Unknown recipient" in response.content.decode()
    assert not DocumentJob.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_unknown_kind_is_refused_naming_the_field(completed_exam, clinician):
    from core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        document_request(exam=completed_exam, kind="horoscope", user=clinician)

    assert caught.value.field == "kind"


def test_another_clinics_job_is_a_404(client_outsider, completed_exam, clinician):
    job = document_request(exam=completed_exam, kind="treatment_plan", user=clinician)

    assert client_outsider.get(reverse("reports:job-detail", args=[job.pk])).status_code == 404
    assert client_outsider.post(reverse("reports:job-retry", args=[job.pk])).status_code == 404


def test_a_job_left_pending_by_a_dead_worker_is_offered_again(client_clinician, completed_exam, clinician):
    import datetime as dt

    from django.utils import timezone

    job = document_request(exam=completed_exam, kind="treatment_plan", user=clinician)
    DocumentJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, requested_at=timezone.now() - dt.timedelta(minutes=10)
    )

    panel = client_clinician.get(reverse("reports:exam-documents", args=[completed_exam.pk])).content.decode()
    assert "taking much longer than it should" in panel
    assert "every 2s" not in panel  # no endless polling

    client_clinician.post(reverse("reports:job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert not job.stale
    assert job_run(job.pk) == JobStatus.READY


def test_retrying_a_job_in_hand_changes_nothing(completed_exam, clinician):
    job = document_request(exam=completed_exam, kind="treatment_plan", user=clinician)
    task_id = DocumentJob.objects.get(pk=job.pk).task_id

    job_retry(job)

    assert DocumentJob.objects.get(pk=job.pk).task_id == task_id
    assert DBTaskResult.objects.count() == 1
