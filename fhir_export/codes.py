"""Code systems and the few well-known codes the export uses; everything else is the protocol's own CodeSystem.

Only codes checked against published use are listed here: SNOMED CT laterality, a few body structures and
the referral procedure, LOINC document types and a few history items, UCUM units, and HL7's own code systems.
A region, maneuver, history item or condition without a listed code is coded with the protocol's CodeSystem
only (and conditions with the ICD-10 code the protocol release itself carries), never with a guessed code.
"""

from __future__ import annotations

import uuid
from typing import Any

from fhir.resources.codeableconcept import CodeableConcept
from fhir.resources.coding import Coding
from fhir.resources.reference import Reference

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
UCUM = "http://unitsofmeasure.org"

LATERALITY = ("272741003", "Laterality")
SIDES = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
PAIN = ("22253000", "Pain")
PATIENT_REFERRAL = ("3457005", "Patient referral")
# Pain-map regions with a well-known SNOMED CT body structure; the others are coded by the protocol only.
REGION_SITES = {
    "upper_buttock": ("46862004", "Buttock structure"),
    "deep_buttock": ("46862004", "Buttock structure"),
    "posterior_thigh": ("68367000", "Thigh structure"),
    "foot": ("56459004", "Foot structure"),
}
DOCUMENT_TYPES = {
    "referral_letter": ("57133-1", "Referral note"),
    "treatment_plan": ("18776-5", "Plan of care note"),
}
CONSULT_NOTE = ("11488-4", "Consult note")
# History items with a well-known LOINC observation code (besides the protocol's own code for every item).
HISTORY_LOINC = {
    "age": ("30525-0", "Age"),
    "pain_now": ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
    "medication": ("10160-0", "History of Medication use Narrative"),
    "relevant_history": ("11348-0", "History of Past illness Narrative"),
}
# UCUM units of the quantities in the history: (unit shown, UCUM code).
YEARS = ("years", "a")
WEEKS = ("weeks", "wk")
# Result codes of the protocol mapped to HL7 interpretations (not tested has none).
INTERPRETATIONS = {
    "positive": ("POS", "Positive"),
    "negative": ("NEG", "Negative"),
    "equivocal": ("IND", "Indeterminate"),
}
GENDERS = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}


def coding(system: str, pair: tuple[str, str], version: str | None = None) -> Coding:
    code, display = pair
    return Coding(system=system, code=code, display=display, version=version)


def concept(*codings: Coding, text: str | None = None) -> CodeableConcept:
    # FHIR strings are never empty: a blank stored value is left out, not sent as "".
    return CodeableConcept(coding=list(codings) or None, text=text or None)


def reference(full_url: str, display: str | None = None) -> Reference:
    return Reference(reference=full_url, display=display or None)


class Ids:
    """Stable urn:uuid identities for one export: the same exam always yields the same resource ids."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def id(self, *parts: Any) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join([self.scope, *map(str, parts)])))

    def url(self, *parts: Any) -> str:
        return f"urn:uuid:{self.id(*parts)}"
