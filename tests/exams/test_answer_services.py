"""The rules every kind of answer shares (exams/services/locking.py), tested once here over all five kinds:
the same answer twice is stored once without a version bump, and a finished exam takes no answer at all.
The views and the API only show these outcomes (a thin check each in their own tests)."""

import pytest

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import Finding, PainRegionMark, RedFlagAnswer, Status, SymptomMark
from exams.services import affected_side_set, finding_record, pain_region_set, red_flag_record, symptom_set

# One write of each kind, at the version the client last saw; each sets a value the fixture's exam lacks.
WRITES = {
    "finding": lambda exam, version: finding_record(
        exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True, version=version
    ),
    "red_flag": lambda exam, version: red_flag_record(
        exam=exam, code="saddle_anaesthesia", present=False, version=version
    ),
    "pain_region": lambda exam, version: pain_region_set(
        exam=exam, region="groin", side="left", present=True, version=version
    ),
    "symptom": lambda exam, version: symptom_set(exam=exam, code="worse_sitting", present=True, version=version),
    "affected_side": lambda exam, version: affected_side_set(exam=exam, side="right", version=version),
}
ROWS = {"finding": Finding, "red_flag": RedFlagAnswer, "pain_region": PainRegionMark, "symptom": SymptomMark}


@pytest.mark.parametrize("kind", WRITES)
def test_the_same_answer_twice_is_stored_once_without_a_version_bump(exam, kind):
    first = WRITES[kind](exam, 1)
    again = WRITES[kind](exam, 1)  # a repeat from a tablet that has not seen version 2 yet is still a repeat

    assert (first.changed, again.changed) == (True, False)
    if kind in ROWS:
        assert ROWS[kind].objects.filter(exam=exam).count() == 1
    exam.refresh_from_db()
    assert exam.version == 2


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.SIGNED])
@pytest.mark.parametrize("kind", WRITES)
def test_a_finished_exam_takes_no_answer(exam, kind, status):
    exam.status = status
    exam.save()

    with pytest.raises(ReadOnlyError):
        WRITES[kind](exam, 1)

    exam.refresh_from_db()
    assert (exam.version, exam.affected_side) == (1, "left")
    assert not any(model.objects.filter(exam=exam).exists() for model in ROWS.values())


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


def test_region_is_marked_and_unmarked(exam):
    pain_region_set(exam=exam, region="deep_buttock", side="left", present=True, version=1)
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


def test_affected_side_already_as_asked_changes_nothing(exam):
    saved = affected_side_set(exam=exam, side="left", version=1, expected="")

    assert saved.changed is False
