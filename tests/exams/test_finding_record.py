import pytest

from core.errors import ConflictError, DomainError
from exams.models import Finding
from exams.services import finding_record


def record(exam, **overrides):
    args = {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True, "version": exam.version}
    return finding_record(exam=exam, **{**args, **overrides})


def test_first_answer_is_stored_with_the_new_version_as_revision(exam):
    saved = record(exam)

    row = Finding.objects.get(exam=exam)
    assert (row.result, row.familiar_pain, row.revision) == ("positive", True, 2)
    assert saved.changed is True
    assert exam.version == 2
    exam.refresh_from_db()
    assert exam.version == 2


def test_stale_version_on_a_changed_answer_is_a_conflict_and_changes_nothing(exam):
    record(exam, version=1)  # another tablet, now at version 2

    with pytest.raises(ConflictError) as caught:
        record(exam, result="negative", familiar_pain=None, version=1)

    assert caught.value.current == {"result": "positive", "familiar_pain": True}
    assert caught.value.version == 2
    row = Finding.objects.get(exam=exam)
    assert (row.result, row.revision) == ("positive", 2)
    exam.refresh_from_db()
    assert exam.version == 2


def test_stale_version_on_an_untouched_answer_is_accepted(exam):
    record(exam, version=1)

    saved = record(exam, side="right", result="negative", familiar_pain=None, version=1)

    assert saved.changed is True
    assert saved.others_wrote is True
    assert Finding.objects.filter(exam=exam).count() == 2


def test_changing_your_own_latest_answer_is_accepted(exam):
    record(exam, version=1)

    record(exam, result="negative", familiar_pain=None, version=2)

    assert Finding.objects.get(exam=exam).result == "negative"


def test_familiar_pain_is_dropped_unless_the_result_is_positive(exam):
    record(exam, result="negative", familiar_pain=True)

    assert Finding.objects.get(exam=exam).familiar_pain is None


def test_recording_moves_the_resume_point_to_the_maneuvers_step(exam):
    record(exam, maneuver="slump")

    exam.refresh_from_db()
    assert exam.current_step == "neural_tension"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"maneuver": "fiar"}, "maneuver"),
        ({"side": ""}, "side"),
        ({"side": "middle"}, "side"),
        ({"maneuver": "sij_distraction", "side": "left"}, "side"),
        ({"result": "maybe"}, "result"),
        ({"maneuver": "neuro_deficit", "familiar_pain": True}, "familiar_pain"),
        ({"version": 99}, "version"),
        ({"version": 0}, "version"),
    ],
)
def test_bad_input_is_refused_naming_the_field(exam, overrides, field):
    with pytest.raises(DomainError) as caught:
        record(exam, **overrides)

    assert caught.value.field == field
    assert caught.value.status == 400
    assert not Finding.objects.exists()


def test_unsided_maneuver_takes_no_side(exam):
    record(exam, maneuver="sij_distraction", side="", result="negative", familiar_pain=None)

    assert Finding.objects.get(exam=exam).side == ""
