import datetime as dt

from django.urls import reverse
from django.utils import timezone

from patients.models import Patient

URL = reverse("patients:patient-create")
GOOD = {
    "identifier": "RP-0100",
    "given_name": "Amelia",
    "family_name": "Hart",
    "date_of_birth": "1984-03-09",
    "sex": "female",
    "phone": "",
    "email": "",
    "notes": "",
}


def test_anonymous_is_sent_to_login(client, clinic):
    response = client.post(URL, GOOD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Patient.objects.exists()


def test_form_has_a_label_for_every_input(client_clinician):
    response = client_clinician.get(URL)

    assert response.status_code == 200
    for name in ["identifier", "given_name", "family_name", "date_of_birth", "phone", "email", "notes"]:
        assert f'<label for="id_{name}"' in response.text
    assert 'type="date"' in response.text
    assert response.text.count("<h1") == 1


def test_create_adds_the_patient_to_the_users_clinic(client_clinician, clinician, clinic):
    response = client_clinician.post(URL, GOOD)

    patient = Patient.objects.get()
    assert response.status_code == 302
    assert response.url == patient.get_absolute_url()
    assert patient.clinic == clinic
    assert patient.created_by == clinician
    assert patient.updated_by == clinician
    assert patient.date_of_birth == dt.date(1984, 3, 9)


def test_outsider_creates_in_their_own_clinic(client_outsider, other_clinic):
    client_outsider.post(URL, GOOD)

    assert Patient.objects.get().clinic == other_clinic


def test_future_birth_date_is_refused_with_a_linked_error(client_clinician):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    response = client_clinician.post(URL, {**GOOD, "date_of_birth": tomorrow})

    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == ["Date of birth cannot be in the future."]
    assert 'aria-invalid="true" aria-describedby="id_date_of_birth_error"' in response.text
    assert 'id="id_date_of_birth_error"' in response.text
    assert not Patient.objects.exists()


def test_duplicate_identifier_is_refused_beside_the_field(client_clinician, patient):
    response = client_clinician.post(URL, {**GOOD, "identifier": patient.identifier})

    assert response.context["form"].errors["identifier"] == [
        "Another patient in this clinic already has this identifier."
    ]
    assert Patient.objects.count() == 1


def test_identifier_of_another_clinic_is_accepted(client_clinician, other_patient, clinic):
    client_clinician.post(URL, {**GOOD, "identifier": other_patient.identifier})

    assert Patient.objects.filter(clinic=clinic, identifier=other_patient.identifier).exists()


def test_over_long_name_is_refused_with_its_length(client_clinician):
    response = client_clinician.post(URL, {**GOOD, "family_name": "x" * 101})

    assert response.context["form"].errors["family_name"] == ["Keep this to 100 characters or fewer (it has 101)."]
    assert not Patient.objects.exists()


def test_missing_required_fields_are_named(client_clinician):
    response = client_clinician.post(URL, {})

    assert set(response.context["form"].errors) >= {"identifier", "given_name", "family_name", "date_of_birth"}
    assert "Please correct the fields marked below." in response.text
