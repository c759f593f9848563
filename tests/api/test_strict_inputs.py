"""Inputs are taken at their documented JSON type and no wider; the patient's missing e-mail reads back as null."""

from __future__ import annotations

import pytest

GOOD = {"identifier": "RP-0100", "given_name": "Amelia", "family_name": "Hart", "date_of_birth": "1984-03-09"}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"identifier": 100}, "identifier", "Must be a string."),
        ({"date_of_birth": 19840309}, "date_of_birth", "Must be a date as a string, YYYY-MM-DD."),
        ({"sex": 1}, "sex", "Must be a string."),
        ({"colour": "blue"}, "colour", "Unknown key."),
    ],
)
def test_patient_write_of_the_wrong_type_is_refused(api_client, change, field, message):
    response = api_client.post("/api/v1/patients/", {**GOOD, **change})

    assert response.status_code == 400
    assert response.json()[field] == [message]


@pytest.mark.parametrize("email", [None, ""])
def test_patient_without_email_reads_back_null(api_client, email):
    created = api_client.post("/api/v1/patients/", {**GOOD, "email": email})

    assert created.status_code == 201
    assert created.json()["email"] is None
    listed = api_client.get("/api/v1/patients/").json()["results"]
    assert [row["email"] for row in listed] == [None]


def test_patient_email_is_kept(api_client):
    created = api_client.post("/api/v1/patients/", {**GOOD, "email": "amelia@example.org"})

    assert created.json()["email"] == "amelia@example.org"


def test_answer_with_a_number_for_a_boolean_is_refused(api_client, patient, protocol):
    exam = api_client.post("/api/v1/exams/", {"patient": patient.pk}).json()

    response = api_client.post(
        f"/api/v1/exams/{exam['id']}/red-flags", {"code": "saddle_anaesthesia", "present": 0, "version": 1}
    )

    assert response.status_code == 400
    assert response.json() == {"present": ["Must be true or false."]}
