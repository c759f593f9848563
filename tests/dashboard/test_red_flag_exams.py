"""The red-flag marks follow the answers through the real service, go with their exam, and match a rebuild."""

import pytest

from dashboard.figures import dashboard_figures
from dashboard.models import RedFlagExam, ReferralMade
from dashboard.red_flags import red_flags_rebuild
from exams.services import exam_complete, exam_start, red_flag_record
from reports.services import document_generate
from retention.services import patient_erase
from tests.dashboard.conftest import as_rebuilt
from tests.dashboard.test_figures import filters_for
from tests.exams.helpers import red_flags_answer_all
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def _marks() -> set[tuple]:
    return set(RedFlagExam.objects.values_list("exam", "clinic", "clinician", "started_at"))


def _answer(exam, code: str, present: bool) -> None:
    exam.refresh_from_db()
    red_flag_record(exam=exam, code=code, present=present, version=exam.version)


def test_the_first_present_flag_marks_the_exam_and_the_last_one_unmarks_it(protocol, clinic, clinician):
    exam, _ = exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)
    _answer(exam, "saddle_anaesthesia", False)
    assert _marks() == set()

    _answer(exam, "saddle_anaesthesia", True)
    _answer(exam, "bladder_dysfunction", True)
    assert _marks() == {(exam.pk, clinic.pk, clinician.pk, exam.started_at)} == _rebuilt()
    assert dashboard_figures(filters_for(clinic, days=7))["red_flags"]["total"] == 1

    _answer(exam, "saddle_anaesthesia", False)
    assert _marks() == _rebuilt() != set()  # one flag still present
    _answer(exam, "bladder_dysfunction", False)
    assert _marks() == _rebuilt() == set()
    assert dashboard_figures(filters_for(clinic, days=7))["red_flags"]["total"] == 0


def test_erasing_the_patient_takes_the_mark_with_the_exam(protocol, clinic, clinician):
    exam, _ = exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)
    _answer(exam, "saddle_anaesthesia", True)

    patient_erase(patient=exam.patient)

    assert _marks() == set()


def _rebuilt() -> set[tuple]:
    return as_rebuilt(RedFlagExam, red_flags_rebuild, _marks)


def _done() -> set[tuple]:
    return set(RedFlagExam.objects.values_list("exam", "letter", "made"))


def test_the_mark_says_when_the_letter_is_produced_and_the_referral_made(protocol, clinic, clinician):
    exam, _ = exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)
    _answer(exam, "saddle_anaesthesia", True)  # through the service: the mark is made
    red_flags_answer_all(exam, present={"saddle_anaesthesia"})  # the other questions answered no
    exam.refresh_from_db()
    exam_complete(exam=exam, user=clinician)  # letters are for completed exams, whose flags no longer change
    figures = dashboard_figures(filters_for(clinic, days=7))["red_flags"]
    assert (figures["no_letter"], figures["not_made"], _done()) == (1, 1, {(exam.pk, False, False)})

    document_generate(exam=exam, kind="referral_letter", user=clinician)
    document_generate(exam=exam, kind="treatment_plan", user=clinician)  # not a letter: changes nothing more
    assert _done() == {(exam.pk, True, False)} == _rebuilt_done()

    ReferralMade.objects.create(exam=exam, recorded_by=clinician)
    figures = dashboard_figures(filters_for(clinic, days=7))["red_flags"]
    assert (figures["no_letter"], figures["not_made"], figures["total"]) == (0, 0, 1)
    assert _done() == {(exam.pk, True, True)} == _rebuilt_done()
    assert [(row.letter, row.made) for row in figures["rows"]] == [(True, True)]


def test_a_referral_recorded_while_the_exam_is_open_survives_its_flag_going_off_and_on(protocol, clinic, clinician):
    exam, _ = exam_start(clinic=clinic, patient=PatientFactory(clinic=clinic), clinician=clinician)
    _answer(exam, "saddle_anaesthesia", True)
    ReferralMade.objects.create(exam=exam, recorded_by=clinician)

    _answer(exam, "saddle_anaesthesia", False)
    _answer(exam, "saddle_anaesthesia", True)

    assert _done() == {(exam.pk, False, True)} == _rebuilt_done()


def _rebuilt_done() -> set[tuple]:
    return as_rebuilt(RedFlagExam, red_flags_rebuild, _done)
