"""GET /api/v1/exams/{id}/fhir: a FHIR R4 Bundle that validates, with the expected resources and codes."""

from __future__ import annotations

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.operationoutcome import OperationOutcome

from audit.models import Action, AuditEvent
from exams.assessment import exam_assessment
from exams.models import ExamHistory
from exams.services import exam_sign
from protocols.words import evidence_words
from reports.knowledge import knowledge_full
from reports.services import document_generate
from tests.reports.scenarios import exam_answered, exam_completed

FHIR_JSON = "application/fhir+json"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"


def _get(api, exam, **headers):
    return api.get(f"/api/v1/exams/{exam.pk}/fhir", **headers)


def _resources(body, kind):
    return [e["resource"] for e in body["entry"] if e["resource"]["resourceType"] == kind]


def _protocol_code(concept):
    (code,) = [c["code"] for c in concept["coding"] if c["system"].endswith("/CodeSystem/buttock-pain")]
    return code


def _codes(concept, system=None):
    return {c["code"] for c in concept.get("coding", []) if system is None or c["system"] == system}


@pytest.fixture
def signed_exam(protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    document_generate(exam=exam, kind="referral_letter", user=clinician)
    exam_sign(exam=exam, user=clinician)
    exam.refresh_from_db()
    return exam


def test_signed_exam_is_a_document_led_by_a_composition(api_client, signed_exam):
    response = _get(api_client, signed_exam)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(FHIR_JSON)
    body = response.json()
    Bundle.parse_obj(body)  # validates against the R4 models
    assert body["type"] == "document"
    assert body["entry"][0]["resource"]["resourceType"] == "Composition"
    composition = body["entry"][0]["resource"]
    assert composition["status"] == "final"
    assert composition["attester"][0]["mode"] == "legal"
    urls = {e["fullUrl"] for e in body["entry"]}
    referenced = {entry["reference"] for s in composition["section"] for entry in s.get("entry", [])}
    assert referenced <= urls


def test_bundle_carries_every_kind_of_resource(api_client, signed_exam):
    body = _get(api_client, signed_exam).json()

    kinds = {e["resource"]["resourceType"] for e in body["entry"]}
    assert {
        "Patient",
        "Practitioner",
        "Organization",
        "Encounter",
        "Observation",
        "Condition",
        "ServiceRequest",
        "DocumentReference",
    } <= kinds


def test_one_observation_per_finding_history_item_and_red_flag_answer(api_client, signed_exam):
    body = _get(api_client, signed_exam).json()

    observations = _resources(body, "Observation")
    answers = signed_exam.findings.count() + signed_exam.red_flag_answers.count()
    history = signed_exam.symptoms.count() + signed_exam.pain_regions.count() + 1  # + age, from the birth date
    assert len(observations) == answers + history
    fair = next(o for o in observations if "fair" in _codes(o["code"]))
    assert _codes(fair["valueCodeableConcept"]) == {"positive"}
    assert _codes(fair["interpretation"][0]) == {"POS"}
    laterality = next(c for c in fair["component"] if _codes(c["code"], SNOMED) == {"272741003"})
    assert _codes(laterality["valueCodeableConcept"], SNOMED) == {"7771000"}  # left
    buttock = next(o for o in observations if "bodySite" in o)
    assert _codes(buttock["bodySite"], SNOMED) == {"46862004"}


def _history_item(observations, code):
    (found,) = [
        o for o in observations if o["category"][0]["coding"][0]["code"] == "survey" and code in _codes(o["code"])
    ]
    return found


def test_history_items_are_observations_with_loinc_where_known(api_client, protocol, patient, clinician):
    exam = exam_answered(patient, clinician, findings=[("fair", "positive", True)], symptoms=["worse_sitting"])
    history = {"onset": "sudden", "onset_weeks": 12, "pain_now": 6, "medication": "Ibuprofen 400 mg"}
    ExamHistory.objects.create(exam=exam, activity_1="Sitting at work", activity_1_score=3, **history)

    body = _get(api_client, exam).json()

    Bundle.parse_obj(body)
    observations = _resources(body, "Observation")
    age = _history_item(observations, "age")
    assert _codes(age["code"], LOINC) == {"30525-0"}
    assert age["valueQuantity"]["code"] == "a"
    on, born = exam.started_at.date(), patient.date_of_birth
    assert age["valueQuantity"]["value"] == on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    weeks = _history_item(observations, "duration_weeks")
    assert (weeks["valueQuantity"]["value"], weeks["valueQuantity"]["code"]) == (12, "wk")
    onset_weeks = _history_item(observations, "onset_weeks")
    assert weeks["derivedFrom"][0]["reference"] in {e["fullUrl"] for e in body["entry"] if e["resource"] is onset_weeks}
    assert _codes(_history_item(observations, "onset")["valueCodeableConcept"]) == {"sudden"}
    pain = _history_item(observations, "pain_now")
    assert (_codes(pain["code"], LOINC), pain["valueInteger"]) == ({"72514-3"}, 6)
    assert _codes(_history_item(observations, "medication")["code"], LOINC) == {"10160-0"}
    assert _history_item(observations, "activity_1")["valueString"] == "Sitting at work"
    assert _history_item(observations, "activity_1_score")["valueInteger"] == 3
    assert _history_item(observations, "worse_sitting")["valueBoolean"] is True


def test_history_codes_are_in_the_published_codesystem(api_client, protocol, patient, clinician):
    exam = exam_answered(patient, clinician, findings=[("fair", "positive", True)])
    ExamHistory.objects.create(exam=exam, onset="gradual", pain_worst=8, relevant_history="Hip replacement 2019")
    codesystem = api_client.get("/api/v1/fhir/CodeSystem/buttock-pain").json()
    published = {child["code"] for group in codesystem["concept"] for child in group.get("concept", [])}

    observations = _resources(_get(api_client, exam).json(), "Observation")

    used = {c["code"] for o in observations for c in o["code"].get("coding", []) if c["system"] == codesystem["url"]}
    assert {"age", "onset", "pain_worst", "relevant_history"} <= used <= published


def test_working_diagnosis_is_provisional_and_the_rest_differential_with_evidence(api_client, signed_exam):
    body = _get(api_client, signed_exam).json()

    conditions = {_protocol_code(c["code"]): c for c in _resources(body, "Condition")}
    working = conditions["piriformis_syndrome"]
    assert _codes(working["verificationStatus"]) == {"provisional"}
    assert "G57.0" in _codes(working["code"], "http://hl7.org/fhir/sid/icd-10")
    observation_urls = {e["fullUrl"] for e in body["entry"] if e["resource"]["resourceType"] == "Observation"}
    details = [d["reference"] for ev in working["evidence"] for d in ev.get("detail", [])]
    assert details
    assert set(details) <= observation_urls
    others = [c for code, c in conditions.items() if code != "piriformis_syndrome"]
    assert others
    assert {next(iter(_codes(c["verificationStatus"]))) for c in others} == {"differential"}


def test_evidence_is_said_in_the_words_of_the_screens_and_letters(api_client, signed_exam):
    body = _get(api_client, signed_exam).json()

    conditions = {_protocol_code(c["code"]): c for c in _resources(body, "Condition")}
    said = [ev["code"][0]["text"] for ev in conditions["piriformis_syndrome"]["evidence"]]
    protocol, _, _, words = knowledge_full(signed_exam.protocol_code, signed_exam.protocol_version)
    (entry,) = [e for e in exam_assessment(signed_exam).differential if e.condition == "piriformis_syndrome"]
    coded = [item for item in entry.supporting if item.kind not in ("age", "region_absent")]  # no Observation code
    expected = [evidence_words(protocol, words, item).text for item in coded]
    assert said
    assert [text.split(": LR ")[0] for text in said] == expected


def test_referral_letter_is_a_service_request_and_a_document_reference(api_client, signed_exam):
    body = _get(api_client, signed_exam).json()

    (referral,) = _resources(body, "ServiceRequest")
    (letter,) = _resources(body, "DocumentReference")
    assert _codes(referral["category"][0], SNOMED) == {"3457005"}
    assert _codes(letter["type"], "http://loinc.org") == {"57133-1"}
    document = signed_exam.documents.get()
    assert letter["content"][0]["attachment"]["url"].endswith(f"/api/v1/documents/{document.pk}/pdf")
    assert letter["content"][0]["attachment"]["contentType"] == "application/pdf"


def test_exam_before_signing_is_a_collection(api_client, protocol, patient, clinician):
    exam = exam_answered(patient, clinician, findings=[("fair", "positive", True)], regions=["deep_buttock"])

    body = _get(api_client, exam).json()

    Bundle.parse_obj(body)
    assert body["type"] == "collection"
    assert not _resources(body, "Composition")
    (encounter,) = _resources(body, "Encounter")
    assert encounter["status"] == "in-progress"


def test_red_flag_exam_refers_urgently(api_client, protocol, patient, clinician):
    exam = exam_completed(patient, clinician, "cauda_equina_syndrome")

    body = _get(api_client, exam).json()

    (referral,) = _resources(body, "ServiceRequest")
    assert referral["priority"] == "stat"
    conditions = _resources(body, "Condition")
    provisional = [c for c in conditions if _codes(c["verificationStatus"]) == {"provisional"}]
    assert [_protocol_code(c["code"]) for c in provisional] == ["cauda_equina_syndrome"]


def test_same_exam_exports_the_same_ids(api_client, signed_exam):
    first, second = _get(api_client, signed_exam).json(), _get(api_client, signed_exam).json()

    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


def test_plain_json_is_offered_too(api_client, signed_exam):
    response = _get(api_client, signed_exam, HTTP_ACCEPT="application/json")

    assert response["Content-Type"].startswith("application/json")


def test_export_is_audited(api_client, signed_exam, clinician):
    _get(api_client, signed_exam)

    event = AuditEvent.objects.filter(action=Action.EXPORT, object_type="exam").get()
    assert (event.object_id, event.patient_id, event.user_id) == (
        str(signed_exam.pk),
        signed_exam.patient_id,
        clinician.pk,
    )


def test_another_clinic_s_exam_is_a_404(api_outsider, signed_exam):
    response = _get(api_outsider, signed_exam)

    assert response.status_code == 404
    assert response["Content-Type"].startswith(FHIR_JSON)
    outcome = OperationOutcome.parse_obj(response.json())
    assert (outcome.issue[0].severity, outcome.issue[0].code) == ("error", "not-found")


def test_signed_out_caller_gets_a_401_operation_outcome(api_anonymous, signed_exam):
    response = _get(api_anonymous, signed_exam)

    assert response.status_code == 401
    assert response["Content-Type"].startswith(FHIR_JSON)
    assert "WWW-Authenticate" in response
    assert OperationOutcome.parse_obj(response.json()).issue[0].code == "login"


def test_wrong_method_is_an_operation_outcome(api_client, signed_exam):
    response = api_client.post(f"/api/v1/exams/{signed_exam.pk}/fhir", {})

    assert response.status_code == 405
    assert response["Content-Type"].startswith(FHIR_JSON)
    assert OperationOutcome.parse_obj(response.json()).issue[0].code == "not-supported"


def test_blank_optional_labels_are_left_out_not_sent_empty(api_client, protocol, patient, clinician):
    """A national id with no label for it, a GP practice with no name, a blank profession: still a valid bundle."""
    patient.clinic.national_id_label = ""
    patient.clinic.save()
    patient.national_id = "9434765919"
    patient.gp_practice_name = ""
    patient.save()
    clinician.membership.profession = ""
    clinician.membership.save()
    exam = exam_answered(patient, clinician)

    response = _get(api_client, exam)

    assert response.status_code == 200
    body = response.json()
    Bundle.parse_obj(body)
    (fhir_patient,) = _resources(body, "Patient")
    national = [i for i in fhir_patient["identifier"] if i["use"] == "official"]
    assert national == [{"use": "official", "value": "9434765919"}]
    assert all("qualification" not in p for p in _resources(body, "Practitioner"))
