import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from tests.factories import PatientFactory


def test_date_of_birth_in_the_future_is_invalid(clinic):
    patient = PatientFactory.build(clinic=clinic, date_of_birth=timezone.localdate() + dt.timedelta(days=1))

    with pytest.raises(ValidationError) as excinfo:
        patient.full_clean()

    assert "date_of_birth" in excinfo.value.message_dict


def test_date_of_birth_today_is_valid(clinic):
    PatientFactory.build(clinic=clinic, date_of_birth=timezone.localdate()).full_clean()


def test_duplicate_identifier_in_one_clinic_is_invalid(patient):
    twin = PatientFactory.build(clinic=patient.clinic, identifier=patient.identifier)

    with pytest.raises(ValidationError, match="already has this identifier"):
        twin.full_clean()


def test_database_refuses_duplicate_identifier_in_one_clinic(patient):
    with pytest.raises(IntegrityError):
        PatientFactory(clinic=patient.clinic, identifier=patient.identifier)


def test_same_identifier_is_allowed_in_another_clinic(patient, other_clinic):
    twin = PatientFactory(clinic=other_clinic, identifier=patient.identifier)

    twin.full_clean()
    assert twin.pk is not None


@pytest.mark.parametrize(("field", "limit"), [("identifier", 40), ("given_name", 100), ("family_name", 100)])
def test_over_long_names_are_invalid(clinic, field, limit):
    patient = PatientFactory.build(clinic=clinic, **{field: "x" * (limit + 1)})

    with pytest.raises(ValidationError) as excinfo:
        patient.full_clean()

    assert field in excinfo.value.message_dict


def test_names_at_their_limit_are_valid(clinic):
    PatientFactory.build(clinic=clinic, identifier="x" * 40, given_name="g" * 100, family_name="f" * 100).full_clean()


def test_absolute_url_points_at_the_detail_page(patient):
    assert patient.get_absolute_url() == f"/patients/{patient.pk}/"
