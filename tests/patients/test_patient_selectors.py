import pytest
from django.http import Http404

from patients.selectors import patient_get, patient_list
from tests.factories import PatientFactory


@pytest.fixture
def registry(clinic, other_clinic):
    return {
        "hart": PatientFactory(clinic=clinic, identifier="RP-0042", given_name="Amelia", family_name="Hart"),
        "byrne": PatientFactory(clinic=clinic, identifier="RP-0043", given_name="Daniel", family_name="Byrne"),
        "hartley": PatientFactory(clinic=clinic, identifier="X-9", given_name="Ruth", family_name="Hartley"),
        "outsider": PatientFactory(clinic=other_clinic, identifier="RP-0044", given_name="Amelia", family_name="Hart"),
    }


def _found(clinic, query):
    return {p.identifier for p in patient_list(clinic=clinic, query=query)}


def test_empty_query_lists_only_the_clinics_patients_in_name_order(clinic, registry):
    names = [p.family_name for p in patient_list(clinic=clinic)]

    assert names == ["Byrne", "Hart", "Hartley"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hart", {"RP-0042", "X-9"}),
        ("HART", {"RP-0042", "X-9"}),
        ("amelia", {"RP-0042"}),
        ("dan", {"RP-0043"}),
        ("rp-004", {"RP-0042", "RP-0043"}),
        ("amelia hart", {"RP-0042"}),
        ("  ruth   hartley ", {"X-9"}),
        ("nobody", set()),
    ],
)
def test_search_matches_names_and_identifier_in_any_case(clinic, registry, query, expected):
    assert _found(clinic, query) == expected


def test_search_never_returns_another_clinics_patient(clinic, registry):
    found = set(patient_list(clinic=clinic, query="RP-0044"))

    assert found == set()


def test_get_returns_the_clinics_patient(clinic, patient):
    assert patient_get(clinic=clinic, pk=patient.pk) == patient


def test_get_raises_404_for_another_clinics_patient(clinic, other_patient):
    with pytest.raises(Http404):
        patient_get(clinic=clinic, pk=other_patient.pk)


def test_get_raises_404_for_a_malformed_id(clinic):
    with pytest.raises(Http404):
        patient_get(clinic=clinic, pk="abc")
