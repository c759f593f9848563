"""Each red flag new in 1.1.0, end to end: asked on the screen, routed on the exam and through the API.

The seven flags of REFERENCE part C, with the levels CODES.md gives them ("Emergency: the cauda equina signs
and suspected_ruptured_aaa; the others urgent") and the conditions they suggest. The letters for their routes
are covered in tests/reports/test_letters_1_1_0.py.
"""

from html import unescape

import pytest

from exams.assessment import exam_assessment
from exams.models import RedFlagAnswer
from protocols.registry import protocol_get
from tests.exams.conftest import exam_url
from tests.factories import ExamFactory

NEW = {  # flag -> (level, suggested condition), from CODES.md and evidence.yaml
    "acute_hamstring_avulsion": ("urgent", "proximal_hamstring_avulsion"),
    "vascular_claudication": ("urgent", "vascular_pathology"),
    "pulsatile_abdominal_mass": ("urgent", "vascular_pathology"),
    "suspected_ruptured_aaa": ("emergency", "vascular_pathology"),
    "sexual_dysfunction": ("emergency", "cauda_equina_syndrome"),
    "perianal_abscess": ("urgent", "pelvic_visceral_source"),
    "dermatomal_prodrome_or_rash": ("urgent", "herpes_zoster"),
}


@pytest.fixture
def exam_110(patient, clinician):
    return ExamFactory(
        patient=patient, clinician=clinician, affected_side="left", current_step="red_flags", protocol_version="1.1.0"
    )


def test_the_red_flag_screen_asks_every_new_question(client_clinician, exam_110):
    html = unescape(client_clinician.get(exam_url("exam-step", exam_110, "red_flags")).content.decode())
    flags = protocol_get("buttock-pain", "1.1.0").red_flags
    for code, (level, _) in NEW.items():
        assert f'<li id="red-flag-{code}" class="red-flag"' in html
        assert f'<span class="level level-{level}">{level.capitalize()}</span> {flags[code].question}</legend>' in html
        assert f'<p class="hint">{flags[code].lay_words}</p>' in html


@pytest.mark.parametrize("flag", sorted(NEW))
def test_a_ticked_new_flag_routes_the_exam(flag, exam_110):
    RedFlagAnswer.objects.create(exam=exam_110, code=flag, present=True)
    assessment = exam_assessment(exam_110)
    level, condition = NEW[flag]
    assert assessment.urgent_referral is not None
    assert (assessment.urgent_referral.level.value, assessment.working_diagnosis) == (level, condition)
    assert assessment.differential[0].condition == condition
    assert condition in assessment.flagged
    provocations = {c for c, m in protocol_get("buttock-pain", "1.1.0").maneuvers.items() if m.provocation}
    assert not {s.maneuver for s in assessment.suggested_next} & provocations


@pytest.mark.django_db
@pytest.mark.parametrize("flag", sorted(NEW))
def test_the_api_routes_each_new_flag_and_shows_its_head_as_a_referral(flag, api_client):
    body = {
        "red_flags": [flag],
        "affected_side": "left",
        "findings": [{"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True}],
    }
    response = api_client.post("/api/v1/assess", body, format="json")
    assert response.status_code == 200
    answer = response.json()
    level, condition = NEW[flag]
    assert (answer["urgent_referral"]["level"], answer["working_diagnosis"]) == (level, condition)
    head = answer["differential"][0]
    assert (head["condition"], head["red_flag"], head["probability"], head["display"]) == (
        condition,
        True,
        None,
        "Red flag: refer",
    )
    assert "fair" not in {s["maneuver"] for s in answer["suggested_next"]}
