"""Query filters are read strictly: empty, repeated, huge or non-numeric values answer 400 naming the filter."""

from __future__ import annotations

import pytest

from tests.factories import ExamFactory


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("patient=", "Give a value, or leave the parameter out."),
        ("patient=1&patient=2", "Give this parameter once."),
        ("patient=9223372036854775808", "Ensure this value is less than or equal to 9223372036854775807."),
        ("patient=%C2%B2", "A valid integer is required."),
        ("patient=-3", "Ensure this value is greater than or equal to 1."),
        ("patient=abc", "A valid integer is required."),
        ("status=", "Give a value, or leave the parameter out."),
        ("status=done", '"done" is not a valid choice.'),
    ],
)
def test_bad_exam_filter_is_a_400_naming_it(api_client, query, message):
    response = api_client.get(f"/api/v1/exams/?{query}")

    assert response.status_code == 400
    name = query.split("=")[0]
    assert response.json()[name] == [message]


def test_good_filters_narrow_the_list(api_client, clinician, patient, protocol):
    mine = ExamFactory(patient=patient, clinician=clinician)
    ExamFactory(patient__clinic=patient.clinic)

    response = api_client.get(f"/api/v1/exams/?patient={patient.pk}&status=in_progress")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=a%01b", "Remove control characters from the text."),
        ("q=" + "x" * 101, "Ensure this field has no more than 100 characters."),
        ("q=a&q=b", "Give this parameter once."),
    ],
)
def test_bad_patient_search_is_a_400_naming_q(api_client, query, message):
    response = api_client.get(f"/api/v1/patients/?{query}")

    assert response.status_code == 400
    assert response.json() == {"q": [message]}


def test_page_past_the_last_is_a_json_404(api_client, patient):
    response = api_client.get("/api/v1/patients/?page=99")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("page", ["0", "-1", "x", "1.5", "²"])
def test_a_page_that_is_no_whole_number_names_the_field(api_client, page):
    response = api_client.get(f"/api/v1/patients/?page={page}")
    assert response.status_code == 400
    assert response.json() == {"page": ["Give a whole page number from 1."]}
