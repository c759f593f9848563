"""Red flags, pain regions, symptoms and the affected side follow the same version rules as findings."""

import pytest

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import PainRegionMark, RedFlagAnswer, Status, SymptomMark
from exams.services import affected_side_set, pain_region_set, red_flag_record, symptom_set


def test_red_flag_answer_is_stored_and_repeated_answers_are_idempotent(exam):
    red_flag_record(exam=exam, code="saddle_anaesthesia", present=False, version=1)
    again = red_flag_record(exam=exam, code="saddle_anaesthesia", present=False, version=1)

    assert again.changed is False
    assert RedFlagAnswer.objects.get(exam=exam).present is False
    exam.refresh_from_db()
    assert exam.version == 2


def test_red_flag_changed_elsewhere_is_a_conflict(exam):
    red_flag_record(exam=exam, code="saddle_anaesthesia", present=False, version=1)

    with pytest.raises(ConflictError) as caught:
        red_flag_record(exam=exam, code="saddle_anaesthesia", present=True, version=1)

    assert caught.value.current is False
    assert RedFlagAnswer.objects.get(exam=exam).present is False


def test_unknown_red_flag_is_refused(exam):
    with pytest.raises(DomainError) as caught:
        red_flag_record(exam=exam, code="headache", present=True, version=1)

    assert caught.value.field == "code"


def test_region_is_marked_once_and_unmarked(exam):
    pain_region_set(exam=exam, region="deep_buttock", side="left", present=True, version=1)
    twice = pain_region_set(exam=exam, region="deep_buttock", side="left", present=True, version=2)
    assert twice.changed is False
    assert PainRegionMark.objects.filter(exam=exam).count() == 1

    pain_region_set(exam=exam, region="deep_buttock", side="left", present=False, version=2)

    assert not PainRegionMark.objects.exists()
    exam.refresh_from_db()
    assert (exam.version, exam.current_step) == (3, "pain_map")


def test_unmarking_a_region_someone_marked_since_is_a_conflict(exam):
    pain_region_set(exam=exam, region="groin", side="right", present=True, version=1)

    with pytest.raises(ConflictError):
        pain_region_set(exam=exam, region="groin", side="right", present=False, version=1)

    assert PainRegionMark.objects.filter(region="groin").exists()


@pytest.mark.parametrize(("region", "side", "field"), [("elbow", "left", "region"), ("groin", "", "side")])
def test_bad_region_is_refused(exam, region, side, field):
    with pytest.raises(DomainError) as caught:
        pain_region_set(exam=exam, region=region, side=side, present=True, version=1)

    assert caught.value.field == field


def test_symptom_is_marked_and_unknown_symptoms_are_refused(exam):
    symptom_set(exam=exam, code="worse_sitting", present=True, version=1)

    assert list(SymptomMark.objects.values_list("code", flat=True)) == ["worse_sitting"]
    with pytest.raises(DomainError):
        symptom_set(exam=exam, code="worse_on_mondays", present=True, version=2)


def test_affected_side_refuses_a_change_over_a_side_it_did_not_see(exam):
    affected_side_set(exam=exam, side="right", version=1, expected="left")

    with pytest.raises(ConflictError) as caught:
        affected_side_set(exam=exam, side="left", version=1, expected="")

    assert caught.value.current == "right"
    exam.refresh_from_db()
    assert exam.affected_side == "right"


def test_affected_side_same_value_is_idempotent(exam):
    saved = affected_side_set(exam=exam, side="left", version=1, expected="")

    assert saved.changed is False


def test_signed_exam_refuses_every_kind_of_answer(exam):
    exam.status = Status.SIGNED
    exam.save()

    for write in (
        lambda: red_flag_record(exam=exam, code="saddle_anaesthesia", present=False, version=1),
        lambda: pain_region_set(exam=exam, region="groin", side="left", present=True, version=1),
        lambda: symptom_set(exam=exam, code="worse_sitting", present=True, version=1),
        lambda: affected_side_set(exam=exam, side="right", version=1),
    ):
        with pytest.raises(ReadOnlyError):
            write()
