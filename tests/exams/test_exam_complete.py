import pytest

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import Status
from exams.services import exam_complete, finding_record
from tests.exams.helpers import red_flags_answer_all, release_add
from tests.factories import FindingFactory


@pytest.fixture
def screened(exam):
    red_flags_answer_all(exam)
    return exam


def test_completion_needs_every_red_flag_answered(exam):
    with pytest.raises(DomainError) as caught:
        exam_complete(exam=exam)

    assert caught.value.field == "red_flags"
    exam.refresh_from_db()
    assert exam.status == Status.IN_PROGRESS


def test_confirming_stores_the_assessment_with_its_protocol_version(screened):
    exam = exam_complete(exam=screened, version=1)

    exam.refresh_from_db()
    assert exam.status == Status.COMPLETED
    assert exam.completed_at is not None
    assert exam.assessment["protocol"] == {"code": "buttock-pain", "version": "1.0.0"}
    assert exam.final_diagnosis == exam.engine_diagnosis
    assert exam.version == 2


def test_red_flag_makes_its_condition_the_engine_diagnosis(exam):
    red_flags_answer_all(exam, present={"saddle_anaesthesia"})

    exam_complete(exam=exam)

    assert exam.engine_diagnosis == "cauda_equina_syndrome"
    assert exam.assessment["urgent_referral"]["level"] == "emergency"


def test_a_different_final_diagnosis_needs_a_reason(screened):
    with pytest.raises(DomainError) as caught:
        exam_complete(exam=screened, final_diagnosis="sij_pain", override_reason="  ")

    assert caught.value.field == "override_reason"
    screened.refresh_from_db()
    assert screened.status == Status.IN_PROGRESS


def test_override_with_a_reason_is_stored(screened):
    exam_complete(exam=screened, final_diagnosis="sij_pain", override_reason="Fall onto the buttock last week.")

    screened.refresh_from_db()
    assert (screened.final_diagnosis, screened.override_reason) == ("sij_pain", "Fall onto the buttock last week.")


def test_unknown_final_diagnosis_is_refused(screened):
    with pytest.raises(DomainError) as caught:
        exam_complete(exam=screened, final_diagnosis="gout", override_reason="x")

    assert caught.value.field == "final_diagnosis"


def test_completing_from_a_stale_summary_is_a_conflict(screened):
    finding_record(exam=screened, maneuver="fair", side="left", result="positive", familiar_pain=True, version=1)

    with pytest.raises(ConflictError):
        exam_complete(exam=screened, version=1)


def test_completed_exam_cannot_be_completed_again(screened):
    exam_complete(exam=screened)

    with pytest.raises(ReadOnlyError):
        exam_complete(exam=screened)


def test_exam_pinned_to_1_0_0_completes_with_1_0_0_after_a_new_release(screened):
    release_add("1.2.0")
    FindingFactory(exam=screened, maneuver="slump", result="positive", familiar_pain=True)

    exam_complete(exam=screened)

    assert screened.assessment["protocol"]["version"] == "1.0.0"
    assert screened.protocol_version == "1.0.0"
