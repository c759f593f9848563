"""Which URL reads or writes which patient data: the one table AuditMiddleware records from.

Each route names the object its URL argument points at and the action per HTTP method. Creating rows whose
id the URL cannot know (a new patient, a new exam) is recorded by model signals instead (audit/signals.py).
tests/security/test_audit_coverage.py fails when a URL taking a patient, exam or document id is missing here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from audit.models import Action

READ = {"GET": Action.VIEW, "HEAD": Action.VIEW}
WRITE = {"POST": Action.UPDATE, "PUT": Action.UPDATE, "PATCH": Action.UPDATE, "DELETE": Action.DELETE}


@dataclass(frozen=True)
class Route:
    """`kwarg` holds the id of a `lookup` object ("patient", "exam", "document"); events name `object_type`."""

    object_type: str
    kwarg: str = "pk"
    actions: dict[str, Action] = field(default_factory=lambda: {**READ, **WRITE})
    lookup: str = ""

    @property
    def lookup_type(self) -> str:
        return self.lookup or self.object_type


def _only(**actions: Action) -> dict[str, Action]:
    return {method.upper(): action for method, action in actions.items()}


LIST = _only(get=Action.LIST)
EXAM_WRITE = {**READ, **_only(post=Action.UPDATE, put=Action.UPDATE, patch=Action.UPDATE, delete=Action.DELETE)}

ROUTES: dict[str, Route] = {
    # HTML pages
    "patients:patient-list": Route("patient", kwarg="", actions=LIST),
    "patients:patient-detail": Route("patient"),
    "patients:patient-edit": Route("patient"),
    "exams:exam-detail": Route("exam"),
    "exams:exam-step": Route("exam"),
    "exams:red-flag-record": Route("exam", actions=EXAM_WRITE),
    "exams:pain-region-set": Route("exam", actions=EXAM_WRITE),
    "exams:symptom-set": Route("exam", actions=EXAM_WRITE),
    "exams:affected-side-set": Route("exam", actions=EXAM_WRITE),
    "exams:finding-record": Route("exam", actions=EXAM_WRITE),
    "exams:history-record": Route("exam", actions=EXAM_WRITE),
    "exams:exam-complete": Route("exam", actions=_only(post=Action.COMPLETE)),
    "exams:exam-sign": Route("exam", actions=_only(post=Action.SIGN)),
    "exams:exam-cosign": Route("exam", actions=_only(post=Action.COSIGN)),
    "exams:addendum-add": Route("exam", actions=_only(post=Action.ADDENDUM)),
    "exams:exam-start": Route("patient", kwarg="patient_pk", actions=_only(get=Action.VIEW)),
    "reports:exam-documents": Route("document", kwarg="exam_id", lookup="exam", actions=LIST),
    "reports:document-create": Route("document", kwarg="exam_id", lookup="exam", actions=_only(post=Action.CREATE)),
    "reports:document-download": Route("document", actions=_only(get=Action.DOWNLOAD)),
    "reports:document-send": Route("document", actions={**READ, **_only(post=Action.CREATE)}),  # SEND: audit/signals.py
    "reports:job-detail": Route("document_job", actions=_only(get=Action.VIEW)),
    "reports:job-retry": Route("document_job", actions=_only(post=Action.UPDATE)),
    "reports:delivery-retry": Route("document_delivery", actions=_only(post=Action.UPDATE)),
    "dashboard:dashboard": Route("exam", kwarg="", actions=LIST),  # names the patients needing attention
    "dashboard:exam-list": Route("exam", kwarg="", actions=LIST),
    "dashboard:referral-made": Route("exam", actions=_only(post=Action.UPDATE)),
    "dashboard:export": Route("exam", kwarg="", actions=_only(get=Action.EXPORT)),  # the clinic's CSV of exams
    # REST API
    "patient-api-list": Route("patient", kwarg="", actions=LIST),
    "patient-api-detail": Route("patient"),
    "exam-api-list": Route("exam", kwarg="", actions=LIST),
    "exam-api-detail": Route("exam"),
    "exam-api-findings": Route("exam", actions=EXAM_WRITE),
    "exam-api-red-flags": Route("exam", actions=EXAM_WRITE),
    "exam-api-pain-regions": Route("exam", actions=EXAM_WRITE),
    "exam-api-symptoms": Route("exam", actions=EXAM_WRITE),
    "exam-api-affected-side": Route("exam", actions=EXAM_WRITE),
    "exam-api-history": Route("exam", actions=EXAM_WRITE),
    "exam-api-complete": Route("exam", actions=_only(post=Action.COMPLETE)),
    "exam-api-sign": Route("exam", actions=_only(post=Action.SIGN)),
    "exam-api-cosign": Route("exam", actions=_only(post=Action.COSIGN)),
    "exam-api-addenda": Route("exam", actions={**READ, **_only(post=Action.ADDENDUM)}),
    "exam-document-api-create": Route(
        "document", kwarg="exam_id", lookup="exam", actions={**LIST, **_only(post=Action.CREATE)}
    ),
    "document-job-api-detail": Route("document_job"),
    "document-job-api-retry": Route("document_job", actions=_only(post=Action.UPDATE)),
    "document-api-detail": Route("document"),
    "document-api-pdf": Route("document", actions=_only(get=Action.DOWNLOAD)),
    "exam-api-fhir": Route("exam", actions=_only(get=Action.EXPORT)),
}

# Django admin models that hold patient data, by "<app>_<model>", and the object type their events name.
ADMIN_MODELS: dict[str, str] = {
    "patients_patient": "patient",
    "exams_exam": "exam",
    "reports_generateddocument": "document",
}


def patient_of(lookup_type: str) -> Callable[[str], int | None]:
    """Return the function mapping an object id of this type to its patient id (one indexed query at most)."""
    return _PATIENT_OF.get(lookup_type, lambda object_id: None)


def _patient_of_patient(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


# An exam never changes patient, so its patient id is remembered per process (taps hit the same exam over
# and over); signals.py forgets an id when a new exam takes it (SQLite may reuse ids after a rollback).
EXAM_PATIENTS: dict[str, int | None] = {}
EXAM_PATIENTS_MAX = 4096


def _patient_of_exam(object_id: str) -> int | None:
    from exams.models import Exam

    if object_id not in EXAM_PATIENTS:
        if len(EXAM_PATIENTS) >= EXAM_PATIENTS_MAX:
            EXAM_PATIENTS.clear()
        patient_id = Exam.objects.filter(pk=object_id).values_list("patient_id", flat=True)[:1]
        found = list(patient_id)
        if not found:
            return None
        EXAM_PATIENTS[object_id] = found[0]
    return EXAM_PATIENTS[object_id]


def _patient_of_document(object_id: str) -> int | None:
    from reports.models import GeneratedDocument

    return GeneratedDocument.objects.filter(pk=object_id).values_list("exam__patient_id", flat=True).first()


def _patient_of_job(object_id: str) -> int | None:
    from reports.models import DocumentJob

    return DocumentJob.objects.filter(pk=object_id).values_list("exam__patient_id", flat=True).first()


def _patient_of_delivery(object_id: str) -> int | None:
    from reports.models import DocumentDelivery

    return DocumentDelivery.objects.filter(pk=object_id).values_list("document__exam__patient_id", flat=True).first()


_PATIENT_OF: dict[str, Callable[[str], int | None]] = {
    "patient": _patient_of_patient,
    "exam": _patient_of_exam,
    "document": _patient_of_document,
    "document_job": _patient_of_job,
    "document_delivery": _patient_of_delivery,
}
