"""The patient record's contact, GP practice and national identifier: stored, validated, searchable, shown."""

import datetime as dt

import pytest
from django.urls import reverse

from core.errors import DomainError
from patients import services
from patients.models import Patient
from patients.selectors import patient_list
from tests.factories import ExamFactory, PatientFactory

NEW = {"identifier": "RP-0100", "given_name": "Amelia", "family_name": "Hart", "date_of_birth": dt.date(1984, 3, 9)}
CONTACT = {
    "national_id": "943 476-5919",
    "address": "4 Mill Lane\nOxford OX2 6AB",
    "phone": "+44 (0)1865 000-111",
    "email": "amelia@example.org",
    "gp_practice_name": "Jericho Health Centre",
    "gp_practice_address": "Walton Street\nOxford OX2 6NW",
}
API = "/api/v1/patients/"


def test_service_stores_contact_and_gp_practice_with_the_identifier_normalised(clinic, clinician):
    patient = services.patient_create(clinic=clinic, user=clinician, **NEW, **CONTACT)

    patient.refresh_from_db()
    assert patient.national_id == "9434765919"
    assert patient.gp_practice_name == "Jericho Health Centre"
    assert patient.address.startswith("4 Mill Lane")
    assert patient.phone == "+44 (0)1865 000-111"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "call me maybe"),
        ("phone", "12"),
        ("phone", "01865 <b>"),
        ("email", "amelia@"),
        ("national_id", "943/476"),
        ("address", "x" * 501),
        ("gp_practice_address", "x" * 501),
        ("gp_practice_name", "x" * 201),
    ],
)
def test_service_refuses_bad_contact_details_naming_the_field(patient, clinician, field, value):
    with pytest.raises(DomainError) as excinfo:
        services.patient_update(patient=patient, user=clinician, changes={"notes": "Kept?", field: value})

    assert excinfo.value.field == field
    patient.refresh_from_db()
    assert patient.notes == ""  # nothing of the refused change was stored


def test_the_same_national_id_twice_in_a_clinic_is_refused(patient, clinician, clinic, other_clinic):
    services.patient_update(patient=patient, user=clinician, changes={"national_id": "9434765919"})

    with pytest.raises(DomainError) as excinfo:
        services.patient_create(clinic=clinic, user=clinician, **NEW, national_id="943 476 5919")

    assert excinfo.value.field == "national_id"
    # another clinic keeps its own registry
    PatientFactory(clinic=other_clinic, national_id="9434765919")


def test_many_patients_may_have_no_national_id(clinic, clinician):
    services.patient_create(clinic=clinic, user=clinician, **NEW)
    services.patient_create(clinic=clinic, user=clinician, **{**NEW, "identifier": "RP-0101"})

    assert Patient.objects.filter(national_id="").count() == 2


@pytest.mark.parametrize("query", ["9434765919", "943 476 5919", "943-476-5919", "4765919"])
def test_search_finds_a_patient_by_national_id_however_typed(clinic, other_clinic, query):
    found = PatientFactory(clinic=clinic, national_id="9434765919")
    PatientFactory(clinic=clinic, national_id="1234567890")
    PatientFactory(clinic=other_clinic, national_id="9434765919")

    assert list(patient_list(clinic=clinic, query=query)) == [found]


def test_short_digit_runs_do_not_match_every_national_id(clinic):
    PatientFactory(clinic=clinic, national_id="9434765919", identifier="A-1")

    assert list(patient_list(clinic=clinic, query="94")) == []


def test_form_groups_contact_and_gp_and_saves_them(client_clinician, clinic):
    form_page = client_clinician.get(reverse("patients:patient-create"))
    for legend in ["Contact", "GP practice"]:
        assert f"<legend>{legend}</legend>" in form_page.text
    for name in CONTACT:
        assert f'<label for="id_{name}"' in form_page.text

    post = {**NEW, "date_of_birth": "1984-03-09", "sex": "female", **CONTACT}
    response = client_clinician.post(reverse("patients:patient-create"), post)

    assert response.status_code == 302
    patient = Patient.objects.get()
    assert (patient.national_id, patient.gp_practice_name) == ("9434765919", "Jericho Health Centre")


def test_form_error_names_the_field_and_keeps_what_was_typed(client_clinician, clinic):
    post = {**NEW, "date_of_birth": "1984-03-09", "sex": "female", **CONTACT, "phone": "ring reception"}

    response = client_clinician.post(reverse("patients:patient-create"), post)

    assert response.status_code == 400
    assert "phone number" in " ".join(response.context["form"].errors["phone"])
    assert "Jericho Health Centre" in response.text  # what was typed is still in the form
    assert not Patient.objects.exists()


def test_detail_page_shows_contact_gp_and_protocol_versions(client_clinician, patient, clinician):
    Patient.objects.filter(pk=patient.pk).update(
        national_id="9434765919", gp_practice_name="Jericho Health Centre", phone="01865 000111"
    )
    ExamFactory(patient=patient, clinician=clinician, protocol_version="1.0.0")

    response = client_clinician.get(patient.get_absolute_url())

    assert "9434765919" in response.text
    assert "Jericho Health Centre" in response.text
    assert 'href="tel:01865000111"' in response.text
    assert "Protocol 1.0.0" in response.text


def test_api_round_trips_the_record_and_answers_null_for_no_email(api_client, clinic):
    body = {
        "identifier": "RP-0100",
        "given_name": "Amelia",
        "family_name": "Hart",
        "date_of_birth": "1984-03-09",
        **{k: v for k, v in CONTACT.items() if k != "email"},
    }

    created = api_client.post(API, body, format="json")

    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["email"] is None
    assert data["national_id"] == "9434765919"
    assert data["gp_practice_address"] == "Walton Street\nOxford OX2 6NW"
    patched = api_client.patch(f"{API}{data['id']}/", {"email": "a@example.org"}, format="json")
    assert patched.json()["email"] == "a@example.org"
    cleared = api_client.patch(f"{API}{data['id']}/", {"email": None}, format="json")
    assert cleared.status_code == 200
    assert cleared.json()["email"] is None
    assert api_client.get(API, {"q": "943 476 5919"}).json()["count"] == 1


@pytest.mark.parametrize(("field", "value"), [("phone", "abc"), ("email", "nope"), ("national_id", "94/34")])
def test_api_refuses_bad_contact_details_naming_the_field(api_client, patient, field, value):
    response = api_client.patch(f"{API}{patient.pk}/", {field: value, "gp_practice_name": "Kept?"}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    patient.refresh_from_db()
    assert patient.gp_practice_name == ""


def test_the_national_id_is_labelled_as_the_clinic_calls_it(client_clinician, clinic, patient):
    clinic.national_id_label = "NHS number"
    clinic.save()

    form_page = client_clinician.get(reverse("patients:patient-create")).text
    detail = client_clinician.get(patient.get_absolute_url()).text

    assert '<label for="id_national_id">NHS number</label>' in form_page
    assert "<dt>NHS number</dt>" in detail


def test_without_a_clinic_label_the_field_has_a_neutral_name(client_clinician, clinic):
    form_page = client_clinician.get(reverse("patients:patient-create")).text

    assert '<label for="id_national_id">National identifier</label>' in form_page
