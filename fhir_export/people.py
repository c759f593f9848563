"""Who the exam is about and who did it: Patient, Practitioner and Organization (the clinic, the GP practice)."""

from __future__ import annotations

from typing import Any

from fhir.resources.address import Address
from fhir.resources.contactpoint import ContactPoint
from fhir.resources.humanname import HumanName
from fhir.resources.identifier import Identifier
from fhir.resources.organization import Organization
from fhir.resources.patient import Patient as FhirPatient
from fhir.resources.practitioner import Practitioner, PractitionerQualification

from clinics.models import Clinic
from fhir_export.codes import GENDERS, IDENTIFIER_TYPE, Ids, coding, concept, reference
from patients.models import Patient


def _address(text: str) -> list[Address] | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Address(text=", ".join(lines), line=lines)] if lines else None


def _telecom(phone: str = "", email: str = "") -> list[ContactPoint] | None:
    points = [ContactPoint(system="phone", value=phone, use="work")] if phone else []
    points += [ContactPoint(system="email", value=email)] if email else []
    return points or None


def clinic_identifier_system(ids: Ids, clinic: Clinic) -> str:
    """Name the clinic's own patient-number space: numbers are unique within one clinic only."""
    return f"urn:uuid:{ids.id('clinic', clinic.pk, 'patient-numbers')}"


def patient_build(patient: Patient, clinic: Clinic, ids: Ids, gp_url: str | None) -> FhirPatient:
    identifiers = [
        Identifier(
            use="usual",
            type=concept(coding(IDENTIFIER_TYPE, ("MR", "Medical record number"))),
            system=clinic_identifier_system(ids, clinic),
            value=patient.identifier,
        )
    ]
    if patient.national_id:
        # The clinic may not have named its national identifier (the label is optional): then the type is unsaid.
        label = clinic.national_id_label
        identifiers.append(
            Identifier(use="official", type=concept(text=label) if label else None, value=patient.national_id)
        )
    return FhirPatient(
        id=ids.id("patient"),
        identifier=identifiers,
        name=[HumanName(use="official", family=patient.family_name, given=[patient.given_name])],
        gender=GENDERS.get(patient.sex, "unknown"),
        birthDate=patient.date_of_birth,
        telecom=_telecom(patient.phone, patient.email),
        address=_address(patient.address),
        generalPractitioner=[reference(gp_url, patient.gp_practice_name)] if gp_url else None,
        managingOrganization=reference(ids.url("organization"), clinic.name),
    )


def organization_build(clinic: Clinic, ids: Ids) -> Organization:
    return Organization(
        id=ids.id("organization"),
        active=True,
        name=clinic.name,
        telecom=_telecom(clinic.phone, clinic.email),
        address=_address(clinic.address),
    )


def gp_practice_build(patient: Patient, ids: Ids) -> Organization | None:
    """Return the patient's GP practice as an Organization, when the registry names one."""
    if not patient.gp_practice_name:
        return None
    return Organization(
        id=ids.id("gp-practice"),
        name=patient.gp_practice_name,
        address=_address(patient.gp_practice_address),
    )


def practitioner_build(user: Any, ids: Ids) -> Practitioner:
    """Return the clinician (or signer) with their profession and professional registration."""
    membership = getattr(user, "membership", None)
    qualification = None
    if membership is not None and membership.profession:
        registration = (
            [Identifier(type=concept(text="Professional registration"), value=membership.registration_number)]
            if membership.registration_number
            else None
        )
        qualification = [PractitionerQualification(code=concept(text=membership.profession), identifier=registration)]
    name = HumanName(family=user.last_name or None, given=[user.first_name] if user.first_name else None)
    return Practitioner(
        id=ids.id("practitioner", user.pk),
        active=True,
        name=[name] if user.last_name or user.first_name else None,
        qualification=qualification,
    )
