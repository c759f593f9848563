import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from patients import services
from patients.models import Patient
from tests.factories import PatientFactory

NEW = {"identifier": "RP-0100", "given_name": "Amelia", "family_name": "Hart", "date_of_birth": dt.date(1984, 3, 9)}


def test_create_records_who_created_the_patient(clinic, clinician):
    patient = services.patient_create(clinic=clinic, user=clinician, **NEW)

    patient.refresh_from_db()
    assert patient.clinic == clinic
    assert patient.created_by == clinician
    assert patient.updated_by == clinician
    assert patient.sex == "unknown"


def test_create_refuses_duplicate_identifier_in_the_clinic(patient, clinician):
    with pytest.raises(DomainError) as excinfo:
        services.patient_create(clinic=patient.clinic, user=clinician, **{**NEW, "identifier": patient.identifier})

    assert excinfo.value.field == "identifier"
    assert Patient.objects.count() == 1


def test_create_allows_an_identifier_used_by_another_clinic(other_patient, clinic, clinician):
    patient = services.patient_create(clinic=clinic, user=clinician, **{**NEW, "identifier": other_patient.identifier})

    assert patient.pk is not None


@pytest.mark.parametrize("field", ["identifier", "national_id"])
def test_duplicate_created_in_a_race_is_still_a_domain_error(patient, clinician, monkeypatch, field):
    # given another request saved the same identifier between the check and the insert
    Patient.objects.filter(pk=patient.pk).update(national_id="9434765919")
    monkeypatch.setattr(services, "_duplicate_refuse", lambda patient: None)
    same = {"identifier": patient.identifier} if field == "identifier" else {"national_id": "943 476 5919"}

    # when
    with pytest.raises(DomainError) as excinfo:
        services.patient_create(clinic=patient.clinic, user=clinician, **{**NEW, **same})

    # then the constraint answers, naming the field, and the database is still usable
    assert excinfo.value.field == field
    assert Patient.objects.count() == 1


def test_create_refuses_a_future_date_of_birth(clinic, clinician):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    with pytest.raises(DomainError) as excinfo:
        services.patient_create(clinic=clinic, user=clinician, **{**NEW, "date_of_birth": tomorrow})

    assert excinfo.value.field == "date_of_birth"
    assert not Patient.objects.exists()


@pytest.mark.parametrize(("field", "limit"), [("given_name", 100), ("notes", 5000)])
def test_create_refuses_over_long_fields(clinic, clinician, field, limit):
    with pytest.raises(DomainError) as excinfo:
        services.patient_create(clinic=clinic, user=clinician, **{**NEW, field: "x" * (limit + 1)})

    assert excinfo.value.field == field
    assert not Patient.objects.exists()


def test_update_records_who_changed_the_patient(patient, clinician, colleague):
    patient.created_by = clinician
    patient.save()

    services.patient_update(patient=patient, user=colleague, changes={"phone": "07700 900999"})

    patient.refresh_from_db()
    assert patient.phone == "07700 900999"
    assert patient.created_by == clinician
    assert patient.updated_by == colleague


def test_update_may_keep_the_patients_own_identifier(patient, clinician):
    services.patient_update(patient=patient, user=clinician, changes={"identifier": patient.identifier})

    patient.refresh_from_db()
    assert patient.updated_by == clinician


def test_update_refuses_another_patients_identifier(patient, clinician):
    other = PatientFactory(clinic=patient.clinic, identifier="RP-0002")

    with pytest.raises(DomainError) as excinfo:
        services.patient_update(patient=other, user=clinician, changes={"identifier": patient.identifier})

    assert excinfo.value.field == "identifier"
    other.refresh_from_db()
    assert other.identifier == "RP-0002"


def test_update_refuses_fields_that_are_not_editable(patient, clinician, other_clinic):
    with pytest.raises(DomainError) as excinfo:
        services.patient_update(patient=patient, user=clinician, changes={"clinic": other_clinic})

    assert excinfo.value.field == "clinic"
    patient.refresh_from_db()
    assert patient.clinic != other_clinic


def test_refused_update_leaves_the_object_as_stored(patient, clinician, clinic):
    PatientFactory(clinic=clinic, identifier="RP-0002")

    with pytest.raises(DomainError):
        services.patient_update(patient=patient, user=clinician, changes={"identifier": "RP-0002", "given_name": "X"})

    assert (patient.identifier, patient.given_name, patient.updated_by) == ("RP-0001", "Jane", None)
