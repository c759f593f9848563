import pytest

from patients.models import Patient
from tests.factories import PatientFactory

LIST = "/api/v1/patients/"
GOOD = {"identifier": "RP-0100", "given_name": "Amelia", "family_name": "Hart", "date_of_birth": "1984-03-09"}


def _item(patient):
    return f"/api/v1/patients/{patient.pk}/"


@pytest.mark.parametrize(
    ("method", "path"), [("get", "list"), ("post", "list"), ("get", "item"), ("put", "item"), ("patch", "item")]
)
def test_anonymous_gets_401_with_a_token_challenge(api_anonymous, patient, method, path):
    url = LIST if path == "list" else _item(patient)

    response = getattr(api_anonymous, method)(url, GOOD, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_list_shows_only_the_clinics_patients(api_client, patient, other_patient):
    response = api_client.get(LIST)

    assert response.status_code == 200
    assert [p["identifier"] for p in response.json()["results"]] == ["RP-0001"]


def test_list_searches(api_client, patient, clinic):
    PatientFactory(clinic=clinic, identifier="RP-0777", family_name="Zulu")

    response = api_client.get(LIST, {"q": "zul"})

    assert [p["identifier"] for p in response.json()["results"]] == ["RP-0777"]


def test_outsider_search_never_finds_clinic_a_patients(api_outsider, patient, other_patient):
    response = api_outsider.get(LIST, {"q": "doe"})

    assert response.json()["count"] == 0


def test_create_records_the_clinic_and_author(api_client, clinician, clinic):
    response = api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 201
    patient = Patient.objects.get()
    assert response.json()["id"] == patient.pk
    assert response["Location"] == _item(patient)
    assert (patient.clinic, patient.created_by, patient.updated_by) == (clinic, clinician, clinician)
    assert response.json()["created_by"] == clinician.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "09/03/1984"}, "date_of_birth"),
        ({"family_name": "x" * 101}, "family_name"),
        ({"notes": "x" * 5001}, "notes"),
        ({"sex": "f"}, "sex"),
        ({"email": "nope"}, "email"),
        ({"colour": "blue"}, "colour"),
        ({"identifier": ""}, "identifier"),
    ],
)
def test_create_bad_input_is_a_400_naming_the_field(api_client, clinic, change, field):
    response = api_client.post(LIST, {**GOOD, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Patient.objects.exists()


def test_create_duplicate_identifier_is_a_400_naming_the_field(api_client, patient):
    response = api_client.post(LIST, {**GOOD, "identifier": patient.identifier}, format="json")

    assert response.status_code == 400
    assert response.json() == {"identifier": ["Another patient in this clinic already has this identifier."]}


def test_retrieve_returns_the_patient(api_client, patient):
    response = api_client.get(_item(patient))

    assert response.status_code == 200
    assert response.json()["identifier"] == "RP-0001"
    assert response.json()["family_name"] == "Doe"


@pytest.mark.parametrize("method", ["get", "put", "patch"])
def test_outsider_gets_404_for_clinic_a_patient(api_outsider, patient, method):
    body = None if method == "get" else {**GOOD, "given_name": "Hacked"}  # a GET's data would be query keys

    response = getattr(api_outsider, method)(_item(patient), body, format="json")

    assert response.status_code == 404
    patient.refresh_from_db()
    assert patient.given_name == "Jane"


def test_patch_changes_one_field_and_records_the_editor(api_client, clinician, patient):
    response = api_client.patch(_item(patient), {"phone": "07700 900456"}, format="json")

    assert response.status_code == 200
    patient.refresh_from_db()
    assert (patient.phone, patient.family_name, patient.updated_by) == ("07700 900456", "Doe", clinician)


def test_put_replaces_every_field(api_client, patient):
    patient.notes = "old note"
    patient.save()

    response = api_client.put(_item(patient), GOOD, format="json")

    assert response.status_code == 200
    patient.refresh_from_db()
    assert (patient.identifier, patient.given_name, patient.notes) == ("RP-0100", "Amelia", "")


def test_put_without_required_fields_is_a_400(api_client, patient):
    response = api_client.put(_item(patient), {"given_name": "Amelia"}, format="json")

    assert response.status_code == 400
    assert {"identifier", "family_name", "date_of_birth"} <= set(response.json())


def test_patch_to_a_duplicate_identifier_is_a_400(api_client, patient, clinic):
    other = PatientFactory(clinic=clinic, identifier="RP-0002")

    response = api_client.patch(_item(other), {"identifier": "RP-0001"}, format="json")

    assert response.status_code == 400
    assert "identifier" in response.json()
    other.refresh_from_db()
    assert other.identifier == "RP-0002"


def test_session_login_works_for_the_api(client_clinician, patient):
    response = client_clinician.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 1
