import hashlib

import pytest

from core.errors import DomainError
from exams.services import addendum_add, exam_complete, exam_sign
from reports.models import GeneratedDocument
from reports.services import document_generate, document_generate_outcome
from tests.reports.scenarios import exam_answered, pdf_text


def test_document_records_exam_version_bytes_size_and_digest(completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    stored = GeneratedDocument.objects.get(pk=document.pk)
    content = bytes(stored.content)
    assert content.startswith(b"%PDF-")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert stored.clinic_id == completed_exam.clinic_id
    assert stored.exam_version == completed_exam.version
    assert (stored.kind, stored.number, stored.recipient) == ("referral_letter", 1, "sports_physician")
    assert stored.generated_by == clinician


def test_plan_has_no_recipient_even_when_one_is_given(completed_exam, clinician):
    document = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician, recipient="gp")

    assert document.recipient == ""


def test_completed_exam_regenerates_with_a_new_number(completed_exam, clinician):
    first = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)
    second = document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)

    assert (first.number, second.number) == (1, 2)


def test_numbers_count_per_kind(completed_exam, clinician):
    document_generate(exam=completed_exam, kind="treatment_plan", user=clinician)
    letter = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    assert letter.number == 1


def test_signed_exam_document_is_frozen(completed_exam, clinician, colleague):
    exam_sign(exam=completed_exam, user=clinician)
    first = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    again = document_generate_outcome(exam=completed_exam, kind="referral_letter", user=colleague)

    assert again.created is False
    assert again.document.pk == first.pk
    assert GeneratedDocument.objects.filter(exam=completed_exam).count() == 1
    assert "Signed electronically by Alice Morgan" in pdf_text(bytes(first.content))


def test_signed_exam_letter_to_another_recipient_is_a_new_document(completed_exam, clinician):
    exam_sign(exam=completed_exam, user=clinician)
    first = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    other = document_generate(exam=completed_exam, kind="referral_letter", user=clinician, recipient="gp")

    assert other.pk != first.pk
    assert other.number == 2


def test_addendum_after_signing_makes_a_new_number_that_shows_it(completed_exam, clinician):
    exam_sign(exam=completed_exam, user=clinician)
    first = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)
    addendum_add(exam=completed_exam, author=clinician, text="MRI booked for 3 December.")
    completed_exam.refresh_from_db()

    second = document_generate(exam=completed_exam, kind="referral_letter", user=clinician)

    assert second.number == first.number + 1
    assert second.exam_version > first.exam_version
    assert "MRI booked for 3 December." in pdf_text(bytes(second.content))
    assert "MRI booked" not in pdf_text(bytes(first.content))


@pytest.mark.parametrize("kind", ["referral_letter", "treatment_plan"])
def test_exam_in_progress_is_refused_with_a_clear_message(protocol, patient, clinician, kind):
    exam = exam_answered(patient, clinician)

    with pytest.raises(DomainError) as refused:
        document_generate(exam=exam, kind=kind, user=clinician)

    assert refused.value.field == "exam"
    assert refused.value.message == "Complete the exam before generating a letter or plan."
    assert not GeneratedDocument.objects.exists()


def test_unknown_kind_is_refused(completed_exam, clinician):
    with pytest.raises(DomainError) as refused:
        document_generate(exam=completed_exam, kind="invoice", user=clinician)

    assert refused.value.field == "kind"


def test_unknown_recipient_is_refused(completed_exam, clinician):
    with pytest.raises(DomainError) as refused:
        document_generate(exam=completed_exam, kind="referral_letter", user=clinician, recipient="oracle")

    assert refused.value.field == "recipient"
    assert not GeneratedDocument.objects.exists()


def test_exam_without_a_working_diagnosis_gets_a_letter_but_no_plan(protocol, patient, clinician):
    exam = exam_answered(patient, clinician)
    exam_complete(exam=exam)
    exam.refresh_from_db()
    assert exam.final_diagnosis == ""

    letter = document_generate(exam=exam, kind="referral_letter", user=clinician)
    with pytest.raises(DomainError) as refused:
        document_generate(exam=exam, kind="treatment_plan", user=clinician)

    assert letter.recipient == "gp"
    assert "No single working diagnosis yet" in pdf_text(bytes(letter.content))
    assert refused.value.code == "no_diagnosis"
