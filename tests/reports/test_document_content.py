import re

import pytest

from reports.services import document_generate
from tests.factories import ExamFactory
from tests.reports.scenarios import exam_completed, pdf_reader, pdf_text

# scenario -> (a maneuver name from its findings, a citation its evidence must show, the default addressee)
LETTERS = {
    "piriformis_syndrome": ("FAIR test", "Martin 2014", "Sport and Exercise Medicine Clinic"),
    "sij_pain": ("Thigh thrust", "Laslett 2005", "MSK Interface and Spinal Pain Service"),
    "gluteal_tendinopathy": ("Resisted external derotation", "Lequesne 2008", "general practitioner"),
    "proximal_hamstring_tendinopathy": (
        "Modified bent-knee stretch",
        "Cacchio 2012",
        "Sport and Exercise Medicine Clinic",
    ),
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def other_exam(protocol, other_patient):
    """John Smith's exam in the other clinic: nothing of his may leak into Jane's documents."""
    return ExamFactory(patient=other_patient)


@pytest.mark.parametrize("scenario", list(LETTERS))
def test_letter_names_patient_findings_diagnosis_evidence_and_recipient(
    protocol, patient, clinician, other_exam, scenario
):
    exam = exam_completed(patient, clinician, scenario)
    maneuver, citation, addressee = LETTERS[scenario]

    text = _flat(pdf_text(document_generate(exam=exam, kind="referral_letter", user=clinician).content))

    assert "Jane Doe" in text
    assert "RP-0001" in text
    assert "17 May 1980" in text
    assert maneuver in text
    assert protocol.conditions[scenario].label in text
    assert citation in text
    assert addressee in text
    assert "References" in text
    assert "not a definitive diagnosis" in text
    assert "John Smith" not in text
    assert "HT-0001" not in text


@pytest.mark.parametrize("scenario", list(LETTERS))
def test_plan_speaks_plainly_with_programme_red_flags_and_next_steps(protocol, patient, clinician, scenario):
    exam = exam_completed(patient, clinician, scenario)
    care_words = "Go to the emergency department straight away"

    text = _flat(pdf_text(document_generate(exam=exam, kind="treatment_plan", user=clinician).content))

    assert "Jane Doe" in text
    assert "RP-0001" in text
    assert protocol.conditions[scenario].label in text
    assert "Your exercises" in text
    assert "Weeks 1-2" in text
    assert "Move on to the next stage when" in text
    assert "How much:" in text
    assert "How often:" in text
    assert "protocol authors" not in text
    assert "decision support" not in text  # the clinicians' disclaimer is not addressed to the patient
    assert "not a final diagnosis" in text
    assert "safety card you were given" not in text
    assert care_words in text
    assert "Losing control of your bowels" in text
    assert "If it does not get better" in text
    assert "Book a review with your physiotherapist" in text
    assert " LR " not in text
    assert "likelihood" not in text.lower()


def test_piriformis_plan_gives_the_back_pocket_and_nerve_glide_advice(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")

    text = _flat(pdf_text(document_generate(exam=exam, kind="treatment_plan", user=clinician).content))

    assert "wallet or phone out of your back pocket" in text
    assert "Sciatic nerve glide" in text
    assert "4 weeks" in text


def test_cauda_equina_letter_puts_the_emergency_department_at_the_top(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "cauda_equina_syndrome")

    content = document_generate(exam=exam, kind="referral_letter", user=clinician).content
    first_page = _flat(pdf_reader(content).pages[0].extract_text())

    assert first_page.index("EMERGENCY: same-day emergency department") < first_page.index("Re: Jane Doe")
    assert first_page.index("The Emergency Department") < first_page.index("Re: Jane Doe")
    assert "Red-flag screen Positive" in first_page
    assert protocol.red_flags["saddle_anaesthesia"].lay_words in first_page
    assert protocol.red_flags["bladder_dysfunction"].lay_words in first_page
    assert "emergency MRI" in _flat(pdf_text(content))


def test_cauda_equina_plan_sends_the_patient_to_hospital_without_exercises(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "cauda_equina_syndrome")

    text = _flat(pdf_text(document_generate(exam=exam, kind="treatment_plan", user=clinician).content))

    assert "Please go to the emergency department today" in text
    assert "No exercise programme until the hospital team has assessed you" in text
    assert "Weeks 1-2" not in text


def test_urgent_flag_letter_goes_to_the_gp_for_urgent_review(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "serious_pathology")

    document = document_generate(exam=exam, kind="referral_letter", user=clinician)
    text = _flat(pdf_text(document.content))

    assert document.recipient == "gp"
    assert text.index("URGENT: medical review within days") < text.index("Re: Jane Doe")
    assert protocol.red_flags["history_of_cancer"].lay_words in text


def test_letter_shows_the_clinicians_override_and_reason(protocol, patient, clinician):
    exam = exam_completed(
        patient,
        clinician,
        "piriformis_syndrome",
        final_diagnosis="obturator_gemelli_syndrome",
        override_reason="Pain reproduced low, beside the ischium.",
    )

    text = _flat(pdf_text(document_generate(exam=exam, kind="referral_letter", user=clinician).content))

    assert protocol.conditions["obturator_gemelli_syndrome"].label in text
    assert "favoured deep gluteal syndrome: piriformis entrapment" in text
    assert "Pain reproduced low, beside the ischium." in text
    assert "gemelli-obturator internus complex" in text


def test_letter_to_a_chosen_recipient_is_addressed_to_them(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")

    document = document_generate(exam=exam, kind="referral_letter", user=clinician, recipient="pain_physician")

    assert document.recipient == "pain_physician"
    assert "Pain Medicine Service" in pdf_text(document.content)
