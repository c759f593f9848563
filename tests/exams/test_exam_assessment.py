from exams.assessment import exam_assess, exam_assessment_dict, exam_input_build
from exams.selectors import exam_answers_get
from exams.services import finding_record, pain_region_set, red_flag_record, symptom_set
from protocols.engine.types import Finding, PainRegion, Result, Side
from tests.exams.helpers import release_add
from tests.factories import FindingFactory


def test_stored_answers_become_the_engine_input(exam):
    finding_record(exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True, version=1)
    finding_record(exam=exam, maneuver="sij_distraction", side="", result="negative", familiar_pain=None, version=2)
    red_flag_record(exam=exam, code="history_of_cancer", present=True, version=3)
    red_flag_record(exam=exam, code="saddle_anaesthesia", present=False, version=4)
    pain_region_set(exam=exam, region="deep_buttock", side="left", present=True, version=5)
    symptom_set(exam=exam, code="worse_sitting", present=True, version=6)

    built = exam_input_build(exam=exam, answers=exam_answers_get(exam=exam))

    assert built.affected_side is Side.LEFT
    assert set(built.findings) == {
        Finding("fair", Result.POSITIVE, Side.LEFT, True),
        Finding("sij_distraction", Result.NEGATIVE, None, None),
    }
    assert built.red_flags == frozenset({"history_of_cancer"})
    assert built.pain_regions == (PainRegion("deep_buttock", Side.LEFT),)
    assert built.symptoms == frozenset({"worse_sitting"})


def test_positive_fair_with_familiar_pain_raises_piriformis(exam):
    before = {e.condition: e.probability for e in exam_assess(exam).differential}
    FindingFactory(exam=exam, maneuver="fair", side="left", result="positive", familiar_pain=True)

    after = {e.condition: e.probability for e in exam_assess(exam).differential}

    assert after["piriformis_syndrome"] > before["piriformis_syndrome"]


def test_exam_pinned_to_1_0_0_is_assessed_with_1_0_0_after_a_new_release(exam):
    release_add("1.2.0")

    assessment = exam_assess(exam)

    assert assessment.protocol_version == "1.0.0"


def test_completed_exam_shows_its_stored_assessment(exam):
    exam.assessment = {"protocol": {"code": "buttock-pain", "version": "1.0.0"}, "stored": True}

    assert exam_assessment_dict(exam)["stored"] is True


def test_live_assessment_dict_names_the_pinned_version(exam):
    shaped = exam_assessment_dict(exam)

    assert shaped["protocol"] == {"code": "buttock-pain", "version": "1.0.0"}
