import pytest

from exams.models import Exam, Finding, Status
from tests.exams.helpers import red_flags_answer_all
from tests.factories import ExamFactory, FindingFactory

LIST = "/api/v1/exams/"


def url(exam, tail: str = "") -> str:
    return f"/api/v1/exams/{exam.pk}/{tail}"


FINDING = {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True, "version": 1}
WRITES = [
    ("put", "findings", FINDING),
    ("post", "red-flags", {"code": "saddle_anaesthesia", "present": False, "version": 1}),
    ("post", "pain-regions", {"region": "deep_buttock", "side": "left", "present": True, "version": 1}),
    ("post", "symptoms", {"code": "worse_sitting", "present": True, "version": 1}),
    ("post", "affected-side", {"side": "right", "version": 1}),
    ("post", "complete", {}),
    ("post", "sign", {}),
    ("post", "addenda", {"text": "x"}),
]


def test_list_shows_only_your_clinics_exams(api_client, exam, other_patient):
    ExamFactory(patient=other_patient)

    body = api_client.get(LIST).json()

    assert [row["id"] for row in body["results"]] == [exam.pk]
    assert body["results"][0]["protocol"] == {"code": "buttock-pain", "version": "1.0.0"}


def test_list_filters_by_status_and_refuses_an_unknown_one(api_client, exam):
    assert api_client.get(LIST, {"status": "signed"}).json()["count"] == 0
    assert api_client.get(LIST, {"status": "lost"}).status_code == 400


def test_create_starts_an_exam_then_returns_the_open_one(api_client, patient):
    first = api_client.post(LIST, {"patient": patient.pk}, format="json")
    again = api_client.post(LIST, {"patient": patient.pk}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["current_step"] == "red_flags"


def test_create_for_another_clinics_patient_is_400(api_client, other_patient):
    response = api_client.post(LIST, {"patient": other_patient.pk}, format="json")

    assert response.status_code == 400
    assert "patient" in response.json()
    assert not Exam.objects.exists()


def test_detail_has_answers_and_a_live_assessment(api_client, exam):
    FindingFactory(exam=exam, revision=1)

    body = api_client.get(url(exam)).json()

    assert body["answers"]["findings"] == [
        {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True, "revision": 1}
    ]
    assert body["assessment"]["differential"][0]["condition"] == "piriformis_syndrome"


def test_finding_upsert_returns_the_new_version_and_is_idempotent(api_client, exam):
    first = api_client.put(url(exam, "findings"), FINDING, format="json")
    again = api_client.put(url(exam, "findings"), FINDING, format="json")

    assert first.json() == {"version": 2, "changed": True}
    assert again.json() == {"version": 2, "changed": False}
    assert Finding.objects.count() == 1


def test_stale_finding_is_409_with_the_current_value(api_client, exam):
    FindingFactory(exam=exam, result="negative", familiar_pain=None, revision=2)
    exam.version = 2
    exam.save()

    response = api_client.put(url(exam, "findings"), FINDING, format="json")

    assert response.status_code == 409
    assert response.json()["current"] == {"result": "negative", "familiar_pain": None}
    assert response.json()["version"] == 2
    assert Finding.objects.get().result == "negative"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**FINDING, "maneuver": "fiar"}, "maneuver"),
        ({**FINDING, "side": None}, "side"),
        ({**FINDING, "result": "maybe"}, "result"),
        ({**FINDING, "colour": "red"}, "colour"),
        ({**FINDING, "version": "x"}, "version"),
        ({k: v for k, v in FINDING.items() if k != "version"}, "version"),
    ],
)
def test_bad_finding_is_400_naming_the_field(api_client, exam, body, field):
    response = api_client.put(url(exam, "findings"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_unsided_maneuver_accepts_a_null_side(api_client, exam):
    body = {"maneuver": "sij_distraction", "side": None, "result": "negative", "version": 1}

    assert api_client.put(url(exam, "findings"), body, format="json").status_code == 200


def test_complete_sign_and_addendum(api_client, exam):
    red_flags_answer_all(exam)

    completed = api_client.post(
        url(exam, "complete"), {"final_diagnosis": "sij_pain", "override_reason": "Clear SIJ history."}, format="json"
    )
    signed = api_client.post(url(exam, "sign"))
    added = api_client.post(url(exam, "addenda"), {"text": "Reviewed."}, format="json")

    assert (completed.status_code, signed.status_code, added.status_code) == (200, 200, 201)
    assert signed.json()["status"] == Status.SIGNED
    exam.refresh_from_db()
    assert exam.assessment["protocol"]["version"] == "1.0.0"
    assert exam.final_diagnosis == "sij_pain"


def test_override_without_reason_is_400(api_client, exam):
    red_flags_answer_all(exam)

    response = api_client.post(url(exam, "complete"), {"final_diagnosis": "sij_pain"}, format="json")

    assert response.status_code == 400
    assert "override_reason" in response.json()


def test_signed_exam_is_read_only_over_the_api(api_client, exam):
    exam.status = Status.SIGNED
    exam.save()

    response = api_client.put(url(exam, "findings"), FINDING, format="json")

    assert response.status_code == 409
    assert "read-only" in str(response.json())
    assert not Finding.objects.exists()


def test_outsider_gets_404_on_the_detail(api_outsider, exam):
    assert api_outsider.get(url(exam)).status_code == 404


@pytest.mark.parametrize(("method", "tail", "body"), WRITES)
def test_outsider_gets_404_on_every_write(api_outsider, exam, method, tail, body):
    response = getattr(api_outsider, method)(url(exam, tail), body, format="json")

    assert response.status_code == 404
    exam.refresh_from_db()
    assert exam.version == 1


@pytest.mark.parametrize(("method", "tail", "body"), [("get", "", None), *WRITES])
def test_anonymous_gets_401(api_anonymous, exam, method, tail, body):
    response = getattr(api_anonymous, method)(url(exam, tail), body, format="json")

    assert response.status_code == 401


def test_anonymous_cannot_list(api_anonymous, db):
    assert api_anonymous.get(LIST).status_code == 401


def test_a_stale_complete_answers_409_with_its_message_and_the_current_version(api_client, exam):
    response = api_client.post(url(exam, "complete"), {"version": exam.version + 1}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert "changed since you reviewed it" in body["detail"]
    assert body["version"] == exam.version
    exam.refresh_from_db()
    assert exam.status == Status.IN_PROGRESS
