"""Letters and plans on protocol 1.1.0, read as their recipients read them: text extracted from the real PDFs.

Every referral target of the release gets a letter that asks what that recipient can do for the diagnosis; the
new red-flag routes (vascular claudication, acute hamstring avulsion) reach their own addressee with the urgency
the protocol gives them; and every exercise of every 1.1.0 programme prints with its instructions.
"""

import re

import pytest

from exams.models import RedFlagAnswer
from exams.services import exam_complete
from protocols.registry import protocol_get
from reports.knowledge import knowledge_full
from reports.services import document_generate
from tests.factories import ExamFactory
from tests.reports.scenarios import pdf_text

VERSION = "1.1.0"

# recipient -> (working diagnosis, words its requests must contain); the diagnosis is one that recipient acts on.
ASKS = {
    "gp": ("lumbar_radiculopathy", "gabapentinoids"),
    "emergency_department": ("pelvic_visceral_source", "perianal abscess"),
    "sports_physician": ("gluteal_tendinopathy", "full-thickness tear"),
    "spine_surgeon": ("lumbar_spinal_stenosis", "decompression"),
    "hip_arthroscopy_surgeon": ("ischiofemoral_impingement", "endoscopic ischiofemoral decompression"),
    "pain_physician": ("superior_cluneal_entrapment", "superior cluneal nerve block"),
    "msk_interface": ("hip_joint_pathology", "plain radiographs"),
    "physiotherapy": ("coccydynia", "levator ani"),
    "orthopaedic_surgeon": ("proximal_hamstring_avulsion", "MRI of the proximal hamstring origin"),
    "vascular_service": ("vascular_pathology", "internal iliac disease"),
    "rheumatology": ("inflammatory_spondyloarthritis", "HLA-B27"),
    "hip_surgeon": ("hip_joint_pathology", "about 3 months of exercise therapy"),
    "pelvic_pain_service": ("pudendal_neuralgia", "pudendal nerve block"),
}
FLAG_FOR = {"proximal_hamstring_avulsion": "acute_hamstring_avulsion", "vascular_pathology": "vascular_claudication"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def exam_on_release(patient, clinician, *, flags=(), diagnosis=""):
    """A completed 1.1.0 exam: every red flag answered, and the clinician's diagnosis when no flag sets one."""
    exam = ExamFactory(patient=patient, clinician=clinician, protocol_version=VERSION)
    for code in protocol_get(exam.protocol_code, VERSION).red_flags:
        RedFlagAnswer.objects.create(exam=exam, code=code, present=code in flags)
    reason = "" if flags else "The history and examination fit this diagnosis best."
    exam_complete(exam=exam, final_diagnosis=diagnosis if not flags else "", override_reason=reason)
    exam.refresh_from_db()
    return exam


def _exam_for(patient, clinician, diagnosis):
    flag = FLAG_FOR.get(diagnosis)
    return exam_on_release(patient, clinician, flags=(flag,) if flag else (), diagnosis=diagnosis)


def _letter(exam, user, recipient=None) -> str:
    document = document_generate(exam=exam, kind="referral_letter", user=user, recipient=recipient)
    return _flat(pdf_text(document.content))


def test_the_release_has_requests_for_every_referral_target(protocol):
    _, care, extra, _ = knowledge_full("buttock-pain", VERSION)

    assert set(extra.recipients) == set(care.referral_targets) == set(ASKS)


@pytest.mark.parametrize("recipient", sorted(ASKS))
def test_each_recipient_is_asked_what_it_can_do(recipient, protocol, patient, clinician):
    diagnosis, words = ASKS[recipient]
    _, care, extra, _ = knowledge_full("buttock-pain", VERSION)
    exam = _exam_for(patient, clinician, diagnosis)

    text = _letter(exam, clinician, recipient)

    assert f"I am writing to ask you to {extra.recipients[recipient].role}." in text
    asks = _section(text, "What I am asking", "Meanwhile")
    assert words in asks
    assert care.referral_targets[recipient].label in _section(text, "TO ", "Re: ")
    assert "_" not in text
    assert "protocol authors" not in text


def test_negative_screen_names_every_condition_the_release_screens_for(protocol, patient, clinician):
    release = protocol_get("buttock-pain", VERSION)
    exam = exam_on_release(patient, clinician, diagnosis="piriformis_syndrome")

    screen = _section(_letter(exam, clinician), "Red-flag screen", "History")

    assert f"Negative. All {len(release.red_flags)} screening questions were asked and answered no." in screen
    said = screen[screen.index("They screen for") :]
    for name in (
        "cauda equina syndrome",
        "serious pathology: cancer, infection, fracture",
        "acute proximal hamstring avulsion",
        "vascular cause: aorto-iliac",
        "pelvic, gynaecological or anorectal source",
        "herpes zoster in a lumbosacral dermatome",
    ):
        assert said.count(name) == 1, name  # each condition once, however many questions screen for it


def test_vascular_claudication_goes_to_the_gp_urgently_for_pulses_and_the_pressure_index(protocol, patient, clinician):
    exam = exam_on_release(patient, clinician, flags=("vascular_claudication",))
    release = protocol_get("buttock-pain", VERSION)

    text = _letter(exam, clinician)

    assert text.startswith("URGENT: suspected vascular cause") or "URGENT: suspected vascular cause" in text[:600]
    assert "General practitioner" in _section(text, "TO ", "Re: ")
    screen = _section(text, "Red-flag screen", "History")
    assert "Positive." in screen
    assert _flat(release.red_flags["vascular_claudication"].lay_words) in screen
    assert "suggests vascular cause: aorto-iliac" in screen  # the protocol's condition, not a per-level sentence
    assert "cauda equina compression" not in screen
    assert "Ankle-brachial pressure index" in _section(text, "What I am asking", "Meanwhile")
    assert "No exercise programme until you have assessed the patient." in text


def test_acute_hamstring_avulsion_goes_to_the_surgeon_within_days(protocol, patient, clinician):
    exam = exam_on_release(patient, clinician, flags=("acute_hamstring_avulsion",))

    text = _letter(exam, clinician)

    assert "URGENT: suspected acute proximal hamstring avulsion" in text
    assert "Orthopaedic and Sports Surgery Service" in _section(text, "TO ", "Re: ")
    asks = _section(text, "What I am asking", "Meanwhile")
    assert "within days" in asks
    assert "MRI of the proximal hamstring origin" in asks


def test_a_gp_letter_for_a_specialist_diagnosis_lists_what_that_service_can_offer(protocol, patient, clinician):
    exam = exam_on_release(patient, clinician, diagnosis="piriformis_syndrome")

    text = _letter(exam, clinician, "gp")

    asks = _section(text, "What I am asking", "What the sport and exercise medicine physician service can offer")
    assert "onward referral if you agree" in asks
    assert "MR neurography" not in asks
    assert "MR neurography" in _section(text, "can offer", "Meanwhile")


def _with_programme() -> list[str]:
    """The 1.1.0 working diagnoses whose plan has a home programme, read from the shipped care file."""
    from protocols.registry import DATA_DIR, shipped_read

    release = shipped_read(DATA_DIR / "buttock-pain" / f"{VERSION}.yaml")
    return sorted(code for code, entry in release.care["conditions"].items() if entry["programme"]["phases"])


@pytest.mark.parametrize("diagnosis", _with_programme())
def test_every_exercise_of_the_plan_prints_its_dose_and_instructions(diagnosis, protocol, patient, clinician):
    _, care, extra, _ = knowledge_full("buttock-pain", VERSION)
    exam = _exam_for(patient, clinician, diagnosis)

    text = _flat(pdf_text(document_generate(exam=exam, kind="treatment_plan", user=clinician).content))

    for i, phase in enumerate(care.conditions[diagnosis].programme.phases):
        for j, exercise in enumerate(phase.exercises):
            guide = extra.exercises[extra.phase_exercises[(diagnosis, i, j)]]
            assert f"{exercise.name}" in text
            assert f"How much: {exercise.dosage}. How often: {exercise.frequency}." in text
            assert guide.steps[0] in text
            assert f"Stop and ask us if: {guide.stop}" in text
    assert "protocol authors" not in text
