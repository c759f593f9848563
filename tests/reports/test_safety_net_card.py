"""The safety-net card: on its own for any member, and as the last page of every plan."""

import re

from django.urls import reverse

from reports.knowledge import knowledge_full
from reports.services import document_generate
from tests.reports.scenarios import exam_completed, pdf_reader, pdf_text


def test_card_on_its_own_lists_every_emergency_sign_and_what_to_do(protocol, client_clinician):
    response = client_clinician.get(reverse("reports:safety-net-card"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.content))
    assert "Go to the emergency department straight away, or call 999" in text
    assert "Losing control of your bowels" in text
    assert "Riverside Physio" in text
    assert len(pdf_reader(response.content).pages) == 1


def test_card_needs_a_signed_in_member(protocol, client):
    response = client.get(reverse("reports:safety-net-card"))

    assert response.status_code in (302, 403)


def test_every_plan_ends_with_the_card(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "gluteal_tendinopathy")

    reader = pdf_reader(document_generate(exam=exam, kind="treatment_plan", user=clinician).content)

    last = re.sub(r"\s+", " ", reader.pages[-1].extract_text())
    assert "warning signs to act on at once" in last
    assert "Do not wait" in last


def test_card_speaks_to_the_patient_in_the_care_files_words_for_each_flag(protocol, client_clinician):
    """One text per audience: the card reads the care file's patient words, never the release's neutral ones."""
    release, care, _, _ = knowledge_full("buttock-pain", "1.1.0")
    text = re.sub(r"\s+", " ", pdf_text(client_clinician.get(reverse("reports:safety-net-card")).content))

    emergency = [code for code, flag in release.red_flags.items() if flag.level.value == "emergency"]
    assert emergency
    for code in emergency:
        assert re.sub(r"\s+", " ", care.patient_flag_words[code]) in text
        neutral = re.sub(r"\s+", " ", release.red_flags[code].lay_words)
        assert neutral == re.sub(r"\s+", " ", care.patient_flag_words[code]) or neutral not in text
