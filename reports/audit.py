"""The documents' own audit event: a document left the clinic (helper S's append-only trail).

Page reads and writes are recorded by URL (audit/routes.py); sending is recorded here because an email only leaves
when the worker hands it to the mail server, outside any request, so who and which clinic are passed explicitly.
"""

from __future__ import annotations

from typing import Any

from audit.models import Action
from audit.services import event_record


def document_sent(*, user: Any, clinic_id: int, document_id: int, patient_id: int, method: str) -> None:
    """Record that a document left the clinic: who, which document, for which patient, by which route."""
    event_record(
        Action.SEND, "document", document_id, user=user, clinic_id=clinic_id, patient_id=patient_id, detail=method
    )
