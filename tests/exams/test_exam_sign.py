import pytest

from core.errors import DomainError, ReadOnlyError
from exams.models import Addendum, Status
from exams.services import addendum_add, exam_complete, exam_sign, finding_record
from tests.exams.helpers import red_flags_answer_all


@pytest.fixture
def completed(exam):
    red_flags_answer_all(exam)
    return exam_complete(exam=exam)


def test_sign_makes_the_exam_signed_by_the_user(completed, clinician):
    exam_sign(exam=completed, user=clinician)

    completed.refresh_from_db()
    assert (completed.status, completed.signed_by) == (Status.SIGNED, clinician)
    assert completed.signed_at is not None


def test_exam_in_progress_cannot_be_signed(exam, clinician):
    with pytest.raises(DomainError) as caught:
        exam_sign(exam=exam, user=clinician)

    assert caught.value.status == 400


def test_signing_twice_is_refused(completed, clinician):
    exam_sign(exam=completed, user=clinician)

    with pytest.raises(ReadOnlyError):
        exam_sign(exam=completed, user=clinician)


def test_signed_exam_refuses_findings(completed, clinician):
    exam_sign(exam=completed, user=clinician)

    with pytest.raises(ReadOnlyError):
        finding_record(
            exam=completed,
            maneuver="fair",
            side="left",
            result="negative",
            familiar_pain=None,
            version=completed.version,
        )


def test_addendum_after_signing_bumps_the_version(completed, clinician, colleague):
    exam_sign(exam=completed, user=clinician)
    version = completed.version

    addendum = addendum_add(exam=completed, author=colleague, text="  Phoned: much better.  ")

    assert addendum.text == "Phoned: much better."
    completed.refresh_from_db()
    assert completed.version == version + 1
    assert completed.status == Status.SIGNED


def test_addendum_before_signing_is_refused(completed, clinician):
    with pytest.raises(DomainError):
        addendum_add(exam=completed, author=clinician, text="Too early.")

    assert not Addendum.objects.exists()


def test_blank_addendum_is_refused(completed, clinician):
    exam_sign(exam=completed, user=clinician)

    with pytest.raises(DomainError) as caught:
        addendum_add(exam=completed, author=clinician, text="   ")

    assert caught.value.field == "text"
