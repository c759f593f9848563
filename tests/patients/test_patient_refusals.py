"""Names that would mislead the next reader, impossible birth dates and broken bytes are refused by field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from patients.models import Patient

URL = reverse("patients:patient-create")
GOOD = {
    "identifier": "RP-0200",
    "given_name": "Amelia",
    "family_name": "Hart",
    "date_of_birth": "1984-03-09",
    "sex": "female",
}


@pytest.mark.parametrize(
    "name",
    [
        "Hart\u202eevil",  # right-to-left override: displays reversed
        "Hart\u2066x",  # left-to-right isolate
        "Ha\x1b[31mrt",  # terminal escape
        "Ha\nrt",  # a line break in a one-line field breaks letters and CSV rows
        "Ha\u200brt",  # zero-width space hides a different spelling
        "Hart\ufffd",  # what a browser's invalid UTF-8 becomes
    ],
)
def test_a_name_with_a_hidden_or_control_character_is_refused_with_400(client_clinician, name):
    response = client_clinician.post(URL, {**GOOD, "family_name": name})

    assert response.status_code == 400
    assert response.context["form"].errors["family_name"]
    assert not Patient.objects.exists()


def test_names_in_other_scripts_and_with_joiners_are_kept(client_clinician):
    response = client_clinician.post(URL, {**GOOD, "given_name": "Zoë", "family_name": "می\u200cخواهم"})

    assert response.status_code == 302
    assert Patient.objects.get().family_name == "می\u200cخواهم"


def test_invalid_utf8_bytes_in_the_form_body_are_refused(client_clinician):
    body = "identifier=RP-0201&given_name=Ann&family_name=B%FFrn&date_of_birth=1984-03-09&sex=female"

    response = client_clinician.post(URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert "UTF-8" in response.context["form"].errors["family_name"][0]


def test_notes_may_hold_line_breaks_but_not_escapes(client_clinician):
    kept = client_clinician.post(URL, {**GOOD, "notes": "Line one.\r\nLine two."})
    refused = client_clinician.post(URL, {**GOOD, "identifier": "RP-0202", "notes": "bell\x07"})

    assert kept.status_code == 302
    assert refused.status_code == 400
    assert refused.context["form"].errors["notes"]


@pytest.mark.parametrize("born", ["1899-12-31", "0984-03-09", "2999-01-01", "not a date"])
def test_a_birth_date_outside_1900_to_today_is_refused_with_400(client_clinician, born):
    response = client_clinician.post(URL, {**GOOD, "date_of_birth": born})

    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"]
    assert not Patient.objects.exists()


def test_1900_is_accepted(client_clinician):
    assert client_clinician.post(URL, {**GOOD, "date_of_birth": "1900-01-01"}).status_code == 302


def test_a_refused_edit_keeps_what_was_stored(client_clinician, patient):
    response = client_clinician.post(
        reverse("patients:patient-edit", args=[patient.pk]),
        {**GOOD, "identifier": patient.identifier, "given_name": "J\u202eane"},
    )

    assert response.status_code == 400
    patient.refresh_from_db()
    assert patient.given_name == "Jane"


def test_the_api_refuses_the_same_name_naming_the_field(api_client, clinic):
    response = api_client.post("/api/v1/patients/", {**GOOD, "given_name": "Ame\u202elia"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["given_name"]
    assert not Patient.objects.exists()
