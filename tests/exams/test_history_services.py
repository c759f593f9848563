"""The history at the exam: values checked naming the field, stored field by field, refused when stale."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import ConflictError, DomainError, ReadOnlyError
from exams import services
from exams.assessment import exam_age, exam_duration_weeks
from exams.history import age_years, duration_weeks, history_value_parse
from exams.models import Exam, ExamHistory, Status
from exams.services.locking import exam_bump

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("field", "raw", "words"),
    [
        ("pain_now", "11", "from 0 to 10"),
        ("pain_worst", -1, "from 0 to 10"),
        ("pain_now", "seven", "whole number"),
        ("activity_1_score", True, "whole number"),
        ("onset_weeks", 2601, "from 0 to 2600"),
        ("onset_date", "2026-12-03", "cannot be in the future"),
        ("onset_date", "03/12/2026", "day, month and year"),
        ("onset_date", "1970-01-01", "before the date of birth"),
        ("onset", "overnight", "sudden or gradual"),
        ("mechanism", "x" * 301, "300 characters"),
        ("mechanism", "fell\x1b[2J", "control character"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(field, raw, words):
    with pytest.raises(DomainError) as excinfo:
        history_value_parse(field, raw, today=TODAY, born=dt.date(1980, 5, 17))

    assert excinfo.value.field == field
    assert words in excinfo.value.message


def test_an_unknown_field_is_refused():
    with pytest.raises(DomainError) as excinfo:
        history_value_parse("colour", "blue", today=TODAY)

    assert excinfo.value.field == "field"


@pytest.mark.parametrize(
    ("field", "raw", "stored"),
    [
        ("pain_now", "0", 0),
        ("pain_now", " 10 ", 10),
        ("pain_now", "", None),
        ("onset_date", "2026-12-02", TODAY),
        ("mechanism", "  felt a pop  ", "felt a pop"),
        ("onset", "", ""),
    ],
)
def test_good_values_are_stored_in_their_own_type(field, raw, stored):
    assert history_value_parse(field, raw, today=TODAY) == stored


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (dt.date(1980, 5, 17), dt.date(2026, 5, 16), 45),
        (dt.date(1980, 5, 17), dt.date(2026, 5, 17), 46),
        (dt.date(2000, 2, 29), dt.date(2025, 2, 28), 24),
        (dt.date(2000, 2, 29), dt.date(2025, 3, 1), 25),
    ],
)
def test_age_counts_whole_years_to_the_exam_date(born, on, age):
    assert age_years(born=born, on=on) == age


def test_duration_comes_from_the_date_when_known_else_the_weeks_given():
    assert duration_weeks(onset_date=dt.date(2026, 10, 21), onset_weeks=None, on=TODAY) == 6
    assert duration_weeks(onset_date=dt.date(2026, 11, 30), onset_weeks=None, on=TODAY) == 0
    assert duration_weeks(onset_date=None, onset_weeks=12, on=TODAY) == 12
    assert duration_weeks(onset_date=None, onset_weeks=None, on=TODAY) is None


def test_record_stores_fields_and_bumps_the_version_once(exam):
    saved = services.history_record(exam=exam, changes={"onset": "sudden", "pain_now": "6"}, version=exam.version)

    row = ExamHistory.objects.get(exam=exam)
    assert (row.onset, row.pain_now) == ("sudden", 6)
    assert saved.changed
    assert Exam.objects.get(pk=exam.pk).version == 2
    assert row.revisions == {"onset": 2, "pain_now": 2}
    assert Exam.objects.get(pk=exam.pk).current_step == "history"


def test_the_same_value_again_changes_nothing(exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)

    again = services.history_record(exam=exam, changes={"pain_now": "6"}, version=1)

    assert not again.changed
    assert Exam.objects.get(pk=exam.pk).version == 2


def test_a_stale_change_of_the_same_field_is_a_conflict_naming_it_and_keeps_the_other_value(exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)  # another tablet, now at version 2

    with pytest.raises(ConflictError) as excinfo:
        services.history_record(exam=exam, changes={"pain_now": 3}, version=1)

    assert (excinfo.value.field, excinfo.value.current, excinfo.value.version) == ("pain_now", 6, 2)
    assert ExamHistory.objects.get(exam=exam).pain_now == 6


def test_a_stale_tablet_may_still_change_a_different_field(exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)

    saved = services.history_record(exam=exam, changes={"medication": "Paracetamol"}, version=1)

    assert saved.changed
    assert saved.others_wrote
    row = ExamHistory.objects.get(exam=exam)
    assert (row.pain_now, row.medication) == (6, "Paracetamol")


def test_one_bad_field_stores_none_of_the_others(exam):
    with pytest.raises(DomainError) as excinfo:
        services.history_record(exam=exam, changes={"medication": "Ibuprofen", "pain_worst": "12"}, version=1)

    assert excinfo.value.field == "pain_worst"
    assert not ExamHistory.objects.exists()
    assert Exam.objects.get(pk=exam.pk).version == 1


def test_a_future_onset_date_is_refused_and_what_was_saved_stays(exam):
    services.history_record(exam=exam, changes={"onset_weeks": 6}, version=1)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    with pytest.raises(DomainError) as excinfo:
        services.history_record(exam=exam, changes={"onset_date": tomorrow.isoformat()}, version=2)

    assert excinfo.value.field == "onset_date"
    assert ExamHistory.objects.get(exam=exam).onset_weeks == 6


def test_giving_the_onset_date_clears_the_weeks_and_the_other_way_round(exam):
    services.history_record(exam=exam, changes={"onset_weeks": 6}, version=1)
    services.history_record(exam=exam, changes={"onset_date": "2026-11-01"}, version=2)
    row = ExamHistory.objects.get(exam=exam)
    assert (row.onset_date, row.onset_weeks) == (dt.date(2026, 11, 1), None)

    services.history_record(exam=exam, changes={"onset_weeks": "3"}, version=3)
    row.refresh_from_db()
    assert (row.onset_date, row.onset_weeks) == (None, 3)


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.SIGNED])
def test_a_finished_exam_refuses_history_changes(exam, status):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)
    exam_bump(locked=Exam.objects.get(pk=exam.pk), exam=exam, status=status)

    with pytest.raises(ReadOnlyError):
        services.history_record(exam=exam, changes={"pain_now": 2}, version=exam.version)

    assert ExamHistory.objects.get(exam=exam).pain_now == 6


def test_the_adapter_reads_age_from_the_birth_date_and_weeks_from_the_history(exam):
    exam.started_at = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    services.history_record(exam=exam, changes={"onset_date": "2026-10-21"}, version=1)

    assert exam_age(exam) == 46  # born 17 May 1980
    assert exam_duration_weeks(exam, ExamHistory.objects.get(exam=exam)) == 6
    assert exam_duration_weeks(exam, None) is None
