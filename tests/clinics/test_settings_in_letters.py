"""What a lead saves on the clinic-settings page is what the next letter prints (name, contact, paper size)."""

import pytest
from django.urls import reverse

from reports.services import document_generate
from tests.reports.scenarios import exam_completed, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db


def test_the_next_letter_uses_the_settings_the_lead_saved(client_lead, protocol, patient, clinician):
    fields = {
        "name": "Bridge Street Physiotherapy",
        "address": "2 Bridge Street\nOxford OX1 2AB",
        "phone": "01865 111111",
        "email": "hello@bridge.example",
        "paper_size": "Letter",
    }
    assert client_lead.post(reverse("clinics:settings"), fields).status_code == 302

    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    letter = document_generate(exam=exam, kind="referral_letter", user=clinician, recipient="gp")

    text = pdf_text(bytes(letter.content))
    for printed in ("Bridge Street Physiotherapy", "2 Bridge Street", "01865 111111", "hello@bridge.example"):
        assert printed in text
    page = pdf_reader(bytes(letter.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
