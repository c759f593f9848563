"""Writes to the patient registry: every change records who made it and keeps identifiers unique per clinic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

from clinics.models import Clinic
from core.errors import DomainError
from core.text import text_problem
from patients.models import Patient, Sex, national_id_normalise

EDITABLE_FIELDS = (
    "identifier",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "national_id",
    "address",
    "phone",
    "email",
    "gp_practice_name",
    "gp_practice_address",
    "notes",
)
DUPLICATE_IDENTIFIER = "Another patient in this clinic already has this identifier."
DUPLICATE_NATIONAL_ID = "Another patient in this clinic already has this national identifier."
# No living patient was born before this; an earlier date is a typing slip (e.g. 0984 for 1984).
BIRTH_DATE_MIN = dt.date(1900, 1, 1)


def patient_create(
    *,
    clinic: Clinic,
    user: User,
    identifier: str,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    sex: str = Sex.UNKNOWN,
    national_id: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    gp_practice_name: str = "",
    gp_practice_address: str = "",
    notes: str = "",
) -> Patient:
    """Add a patient to the clinic's registry, recorded as created by `user`."""
    patient = Patient(
        clinic=clinic,
        identifier=identifier,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        sex=sex,
        national_id=national_id,
        address=address,
        phone=phone,
        email=email,
        gp_practice_name=gp_practice_name,
        gp_practice_address=gp_practice_address,
        notes=notes,
        created_by=user,
        updated_by=user,
    )
    _patient_save(patient)
    return patient


def patient_update(*, patient: Patient, user: User, changes: Mapping[str, Any]) -> Patient:
    """Apply `changes` (editable fields only) to the patient, recorded as updated by `user`."""
    for field in changes:
        if field not in EDITABLE_FIELDS:
            raise DomainError(field, "This field cannot be changed.", code="read_only")
    before = {field: getattr(patient, field) for field in [*changes, "updated_by"]}
    for field, value in {**changes, "updated_by": user}.items():
        setattr(patient, field, value)
    try:
        _patient_save(patient)
    except DomainError:
        # A refused update leaves the caller's object as stored, so nothing shows the rejected values.
        for field, value in before.items():
            setattr(patient, field, value)
        raise
    return patient


def _duplicate(patient: Patient) -> DomainError | None:
    """Name the identifier another patient of the clinic already holds, if any."""
    others = Patient.objects.filter(clinic_id=patient.clinic_id).exclude(pk=patient.pk)
    if others.filter(identifier=patient.identifier).exists():
        return DomainError("identifier", DUPLICATE_IDENTIFIER, code="unique")
    if patient.national_id and others.filter(national_id=patient.national_id).exists():
        return DomainError("national_id", DUPLICATE_NATIONAL_ID, code="unique")
    return None


def _duplicate_refuse(patient: Patient) -> None:
    duplicate = _duplicate(patient)
    if duplicate is not None:
        raise duplicate


def _patient_text_check(patient: Patient) -> None:
    for field in Patient._meta.get_fields():
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            problem = text_problem(getattr(patient, field.name) or "", multiline=isinstance(field, models.TextField))
            if problem:
                raise DomainError(field.name, problem)


def _patient_validate(patient: Patient) -> None:
    _patient_text_check(patient)
    if isinstance(patient.date_of_birth, dt.date) and patient.date_of_birth < BIRTH_DATE_MIN:
        raise DomainError("date_of_birth", "Enter a date of birth from 1900 onwards.")
    # The foreign keys come from the request, not the user: skip their existence queries.
    try:
        patient.full_clean(exclude=["clinic", "created_by", "updated_by"], validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError("non_field_errors" if field == NON_FIELD_ERRORS else field, messages[0]) from None
    # Model validation leaves a TextField's max_length to forms; enforce it for every caller.
    for model_field in Patient._meta.get_fields():
        limit = model_field.max_length if isinstance(model_field, models.TextField) else None
        if limit and len(getattr(patient, model_field.name)) > limit:
            raise DomainError(model_field.name, f"Ensure this field has at most {limit} characters.")


def _patient_save(patient: Patient) -> None:
    patient.national_id = national_id_normalise(patient.national_id or "")
    _patient_validate(patient)
    _duplicate_refuse(patient)
    try:
        # The check above can race with another save; the constraint then decides, and the answer is the same.
        with transaction.atomic():
            patient.save()
    except IntegrityError:
        raise _duplicate(patient) or DomainError("identifier", DUPLICATE_IDENTIFIER, code="unique") from None
