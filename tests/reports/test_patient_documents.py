"""The patient page lists every exam's letters and plans, grouped by exam, newest exam first, in few queries."""

import pytest
from django.urls import reverse

from reports.models import DeliveryStatus, DocumentDelivery
from reports.selectors import patient_documents
from tests.factories import ExamFactory
from tests.reports.scenarios import delivery_sent, document_stored, exam_signed


def _download(document) -> str:
    return reverse("reports:document-download", args=[document.pk]) + '" download'


def _page(client, patient) -> str:
    response = client.get(reverse("patients:patient-detail", args=[patient.pk]))
    assert response.status_code == 200
    return response.text


def test_every_exams_documents_are_listed_once_newest_exam_first(client_clinician, protocol, patient, clinician):
    oldest, middle, latest = (exam_signed(patient, clinician, days) for days in (60, 30, 1))
    documents = {
        "oldest": document_stored(oldest, "referral_letter", recipient="gp"),
        "middle plan": document_stored(middle),
        "middle plan v2": document_stored(middle, number=2),
        "latest": document_stored(latest),
    }

    text = _page(client_clinician, patient)

    for document in documents.values():
        assert text.count(_download(document)) == 1  # the latest exam's in its panel, the others below it
    groups = [text.index(f'id="exam-{exam.pk}-documents"') for exam in (middle, oldest)]
    assert groups == sorted(groups)  # newest exam first
    assert f'id="exam-{latest.pk}-documents"' not in text  # its documents are in the live panel above
    assert text.index(_download(documents["latest"])) < groups[0]
    middle_rows = text[groups[0] : groups[1]]
    assert middle_rows.index("Treatment plan v2") < middle_rows.index("Treatment plan v1")  # newest document first
    assert "<td>General practitioner</td>" in text[groups[1] :]  # the letter's addressee, in its release's words


def test_an_earlier_exams_sending_history_and_retry_are_shown(client_clinician, protocol, patient, clinician):
    earlier, _latest = exam_signed(patient, clinician, 30), exam_signed(patient, clinician, 1)
    failed = delivery_sent(document_stored(earlier), to="practice@example.org")
    DocumentDelivery.objects.filter(pk=failed.pk).update(status=DeliveryStatus.FAILED, error="mailbox full")

    text = _page(client_clinician, patient)

    earlier_group = text[text.index(f'id="exam-{earlier.pk}-documents"') :]
    assert "to practice@example.org" in earlier_group
    assert "mailbox full" in earlier_group
    retry = reverse("reports:delivery-retry", args=[failed.pk])
    form = earlier_group[earlier_group.index(f'action="{retry}"') :].split(">", 1)[0]
    assert "hx-post" not in form  # a plain POST: its htmx answer would be another exam's panel


def _documents_of(patient, clinician, exams: int, per_exam: int) -> None:
    """Documents, each sent once, of exams alternating between the two releases (their words are cached apart)."""
    for days in range(exams):
        exam = exam_signed(patient, clinician, days + 1, version=("1.0.0", "1.1.0")[days % 2])
        for number in range(1, per_exam + 1):
            delivery_sent(document_stored(exam, number=number))


@pytest.mark.parametrize(("exams", "per_exam"), [(1, 1), (5, 3)])
def test_query_count_does_not_grow_with_exams_or_documents(
    client_clinician, protocol, patient, clinician, django_assert_num_queries, exams, per_exam
):
    _documents_of(patient, clinician, exams, per_exam)
    _page(client_clinician, patient)  # warm the per-release caches

    # session, user, membership with its clinic (middleware); the patient; the exams with their clinicians; the
    # latest finished exam's panel: its documents, their deliveries, protocol digest, care digest and content,
    # open jobs; every document of the patient with its exam, author and release digest; their deliveries; the
    # audit event
    with django_assert_num_queries(13):
        text = _page(client_clinician, patient)

    assert text.count("<td>Treatment plan v") == exams * per_exam


def test_documents_are_scoped_to_the_clinic(protocol, patient, clinician, other_clinic, other_patient):
    document_stored(exam_signed(patient, clinician, 3))
    document_stored(ExamFactory(patient=other_patient, status="signed"))

    assert patient_documents(clinic=other_clinic, patient=patient) == ()
    mine = patient_documents(clinic=patient.clinic, patient=patient)
    assert [row.document.exam.patient_id for group in mine for row in group.items] == [patient.pk]


def test_another_clinic_never_sees_the_page(client_outsider, protocol, patient, clinician):
    document_stored(exam_signed(patient, clinician, 3))

    assert client_outsider.get(reverse("patients:patient-detail", args=[patient.pk])).status_code == 404
