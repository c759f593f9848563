from django.urls import reverse

from tests.factories import PatientFactory


def _url(patient):
    return reverse("patients:patient-edit", args=[patient.pk])


def _form(patient, **changes):
    fields = ["identifier", "given_name", "family_name", "sex", "phone", "email", "notes"]
    return {**{f: getattr(patient, f) for f in fields}, "date_of_birth": patient.date_of_birth.isoformat(), **changes}


def test_anonymous_is_sent_to_login(client, patient):
    response = client.get(_url(patient))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_outsider_gets_404(client_outsider, patient):
    assert client_outsider.get(_url(patient)).status_code == 404
    assert client_outsider.post(_url(patient), _form(patient, given_name="Hacked")).status_code == 404
    patient.refresh_from_db()
    assert patient.given_name == "Jane"


def test_form_is_filled_with_the_patient(client_clinician, patient):
    response = client_clinician.get(_url(patient))

    assert response.status_code == 200
    assert 'value="RP-0001"' in response.text
    assert f'value="{patient.date_of_birth.isoformat()}"' in response.text


def test_edit_saves_and_records_the_editor(client_clinician, clinician, patient):
    response = client_clinician.post(_url(patient), _form(patient, phone="07700 900555"))

    assert response.status_code == 302
    assert response.url == patient.get_absolute_url()
    patient.refresh_from_db()
    assert patient.phone == "07700 900555"
    assert patient.updated_by == clinician


def test_duplicate_identifier_is_refused_and_heading_keeps_stored_name(client_clinician, patient, clinic):
    other = PatientFactory(clinic=clinic, identifier="RP-0002")

    response = client_clinician.post(_url(patient), _form(patient, identifier="RP-0002", given_name="Changed"))

    assert response.context["form"].errors["identifier"]
    assert "Edit Jane Doe" in response.text
    patient.refresh_from_db()
    assert (patient.identifier, patient.given_name) == ("RP-0001", "Jane")
    assert other.identifier == "RP-0002"


def test_bad_email_is_refused(client_clinician, patient):
    response = client_clinician.post(_url(patient), _form(patient, email="not-an-email"))

    assert "email" in response.context["form"].errors
    patient.refresh_from_db()
    assert patient.email == ""
