"""Each letter kind read as its recipient reads it: text extracted from the real PDF."""

import re

import pytest

from reports.services import document_generate
from tests.factories import ExamFactory
from tests.reports.scenarios import exam_completed, pdf_text

SPECIALIST_ONLY = ("MR neurography", "hydrodissection", "endoscopic sciatic nerve decompression")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def _letter(exam, user, recipient=None) -> str:
    return _flat(pdf_text(document_generate(exam=exam, kind="referral_letter", user=user, recipient=recipient).content))


@pytest.fixture
def piriformis(protocol, patient, clinician):
    return exam_completed(patient, clinician, "piriformis_syndrome")


def test_gp_is_asked_to_review_and_refer_not_to_perform_specialist_procedures(piriformis, clinician):
    text = _letter(piriformis, clinician, "gp")

    asks = _section(text, "What I am asking", "What the sport and exercise medicine physician service can offer")
    assert "referral to the sport and exercise medicine physician service" in asks
    assert not any(words in asks for words in SPECIALIST_ONLY)
    assert "MR neurography" in _section(text, "can offer", "Meanwhile")


def test_the_service_the_diagnosis_names_gets_its_own_requests(piriformis, clinician):
    text = _letter(piriformis, clinician, "sports_physician")

    asks = _section(text, "What I am asking", "Meanwhile")
    assert "MR neurography" in asks
    assert "can offer" not in asks


def test_emergency_department_is_asked_for_same_day_assessment(piriformis, clinician):
    asks = _section(_letter(piriformis, clinician, "emergency_department"), "What I am asking", "Meanwhile")

    assert asks.index("Same-day assessment") < asks.index("can offer")


def test_negative_screen_is_stated_only_when_every_question_was_answered_no(piriformis, clinician, protocol):
    text = _letter(piriformis, clinician)

    assert f"Red-flag screen Negative. All {len(protocol.red_flags)} screening questions" in text
    assert "Positive." not in _section(text, "Red-flag screen", "History")


def test_negative_screen_names_the_conditions_of_the_release_the_exam_is_pinned_to(piriformis, clinician):
    screen = _section(_letter(piriformis, clinician), "Red-flag screen", "History")

    said = screen[screen.index("They screen for") :]
    assert "cauda equina syndrome; serious pathology: cancer, infection, fracture." in said
    assert "Suspected" not in said
    assert "(emergency)" not in said
    assert "herpes zoster" not in said  # a 1.1.0 flag: this exam is on 1.0.0


def test_incomplete_screen_is_not_called_negative(piriformis, clinician, protocol):
    piriformis.red_flag_answers.filter(code="night_pain_unrelenting").delete()

    text = _letter(piriformis, clinician)

    assert f"Incomplete. {len(protocol.red_flags) - 1} of {len(protocol.red_flags)}" in text
    assert "Negative." not in text
    screen = _section(text, "Red-flag screen", "History")
    assert f"not asked: {protocol.red_flags['night_pain_unrelenting'].lay_words}." in screen
    assert "Fully screened: cauda equina syndrome." in screen  # serious pathology had a question left


def test_positive_screen_names_the_flag_in_lay_words_and_the_route(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "serious_pathology")

    screen = _section(_letter(exam, clinician), "Red-flag screen", "History")

    assert "Positive." in screen
    assert protocol.red_flags["history_of_cancer"].lay_words in screen
    assert "route:" in screen
    assert "within days" in screen
    assert protocol.red_flags["saddle_anaesthesia"].lay_words not in screen


def test_letter_shows_key_positives_and_the_differential_in_words(piriformis, clinician):
    text = _letter(piriformis, clinician)

    assert "Positive, reproducing the familiar pain: FAIR test" in text
    assert "about 84%" in text
    assert re.search(r"Also considered: lumbar radiculopathy [^;]*\((possible|likely|unlikely), about \d+%\)", text)


def test_relevant_negatives_say_what_they_told_against(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "sij_pain")
    exam.assessment["differential"][1]["against"] = [
        {"maneuver": "slump", "side": "left", "result": "negative", "lr": 0.4, "counted": True}
    ]
    exam.save(update_fields=["assessment"])

    text = _letter(exam, clinician)

    label = protocol.conditions[exam.assessment["differential"][1]["condition"]].label.lower()
    assert f"Relevant negatives: Slump test (left), against {label}" in text


def test_no_internal_identifier_raw_decimal_or_note_reaches_the_letter(piriformis, clinician, protocol):
    text = _letter(piriformis, clinician)

    assert f"exam {piriformis.pk}" not in text.lower()
    assert not re.search(r"\bv\d+\b", text)
    assert not re.search(r"\(0\.\d+\)|\b0\.\d{2,}\b", text)
    assert "piriformis_syndrome" not in text
    assert "_" not in text
    assert "counted within" not in text
    assert "not captured" not in text
    assert "[sic" not in text
    assert "protocol authors" not in text


def test_history_section_is_present_and_honest_without_a_history_step(piriformis, clinician):
    assert "History No structured history was recorded at this examination." in _letter(piriformis, clinician)


def test_signature_block_has_profession_and_clinic_contact(piriformis, clinician):
    signature = _section(_letter(piriformis, clinician), "Yours sincerely", "Working diagnosis from")

    assert "Alice Morgan, physiotherapist" in signature
    assert "Riverside Physio" in signature
    assert "Tel." in signature


def test_no_other_patients_data(protocol, patient, clinician, other_patient):
    ExamFactory(patient=other_patient)
    exam = exam_completed(patient, clinician, "piriformis_syndrome")

    text = _letter(exam, clinician, "gp")

    assert other_patient.full_name not in text
    assert other_patient.identifier not in text


def test_unknown_recipient_is_refused_naming_the_field(piriformis, clinician):
    from core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        document_generate(exam=piriformis, kind="referral_letter", user=clinician, recipient="astrologer")

    assert caught.value.field == "recipient"
    assert not piriformis.documents.exists()


def test_gp_letter_goes_to_the_patients_practice_with_copy_and_registration(piriformis, clinician, patient, clinic):
    patient.gp_practice_name = "Riverside Surgery"
    patient.gp_practice_address = "2 Mill Lane\nOxford OX2 2BB"
    patient.national_id = "9434765919"
    patient.save()
    clinic.national_id_label = "NHS number"
    clinic.email = "letters@riverside.example"
    clinic.copy_letters_to_patient = True
    clinic.save()
    clinician.membership.registration_number = "PH123456"
    clinician.membership.save()

    text = _letter(piriformis, clinician, "gp")

    assert text.index("Riverside Surgery 2 Mill Lane Oxford OX2 2BB") < text.index("Re: Jane Doe")
    assert "NHS NUMBER 9434765919" in text.upper()
    assert "registration PH123456" in text
    assert "letters@riverside.example" in text
    assert "Copy to: Jane Doe (patient)" in text


def test_no_copy_line_unless_the_clinic_wants_it(piriformis, clinician):
    assert "Copy to:" not in _letter(piriformis, clinician)


def test_history_from_the_history_step_reaches_the_letter_in_words(piriformis, clinician):
    from exams.models import ExamHistory

    ExamHistory.objects.create(
        exam=piriformis,
        onset="gradual",
        mechanism="long drives for work",
        onset_weeks=6,
        pain_now=4,
        pain_worst=7,
        aggravating="Sitting over 20 minutes",
        activity_1="Sitting through a meeting",
        activity_1_score=3,
        medication="Ibuprofen 400 mg as needed",
        revisions={"pain_now": 3},
    )

    history = _section(_letter(piriformis, clinician), "History", "Examination")

    assert "gradual, long drives for work, 6 weeks ago" in history
    assert "4/10 now, 7/10 at worst" in history
    assert "Sitting through a meeting 3/10" in history
    assert "Sitting over 20 minutes" in history
    assert "Ibuprofen 400 mg as needed" in history
    assert "No structured history" not in history
    assert "pain_now" not in history
