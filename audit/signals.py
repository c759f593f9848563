"""Events no URL can describe: new rows (their id is born in the view), sign-in, sign-out, failures, documents sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save

from audit.models import Action
from audit.routes import EXAM_PATIENTS
from audit.services import event_record

if TYPE_CHECKING:
    from reports.models import DocumentDelivery


def _created(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if not created or raw:
        return
    object_type = sender._meta.model_name
    EXAM_PATIENTS.pop(str(instance.pk), None)
    patient_id = instance.pk if object_type == "patient" else getattr(instance, "patient_id", None)
    event_record(
        Action.CREATE, object_type, instance.pk, patient_id=patient_id, clinic_id=getattr(instance, "clinic_id", None)
    )


def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    membership = getattr(user, "membership", None)
    event_record(Action.SIGN_IN, request=request, user=user, clinic_id=getattr(membership, "clinic_id", None))


def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        membership = getattr(user, "membership", None)
        event_record(Action.SIGN_OUT, request=request, user=user, clinic_id=getattr(membership, "clinic_id", None))


def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """Attribute the failure to the account's clinic when the name exists, so its lead sees the attempts."""
    from clinics.models import Membership

    username = str(credentials.get("username", ""))[:150]
    clinic_id = Membership.objects.filter(user__username=username).values_list("clinic_id", flat=True).first()
    event_record(Action.SIGN_IN_FAILED, request=request, username=username, clinic_id=clinic_id)


def _document_sent(sender: Any, delivery: DocumentDelivery, **kwargs: Any) -> None:
    """Record that a document left the clinic: who, which document, for which patient, by which route."""
    document = delivery.document
    event_record(
        Action.SEND,
        "document",
        document.pk,
        user=delivery.sent_by,
        clinic_id=document.clinic_id,
        patient_id=document.exam.patient_id,
        detail=delivery.method,
    )


def connect() -> None:
    from exams.models import Exam
    from patients.models import Patient
    from reports.signals import document_sent

    for model in (Patient, Exam):
        post_save.connect(_created, sender=model, dispatch_uid=f"audit-create-{model._meta.label_lower}")
    auth_signals.user_logged_in.connect(_signed_in, dispatch_uid="audit-sign-in")
    auth_signals.user_logged_out.connect(_signed_out, dispatch_uid="audit-sign-out")
    auth_signals.user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    document_sent.connect(_document_sent, dispatch_uid="audit-document-sent")
