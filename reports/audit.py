"""One call for the documents' audit events, through helper S's `audit.services.event_record` once installed.

Sending happens in the worker (email) or in a request (post, fax, hand-over), so the actor and clinic are always
passed explicitly. Until the audit app is on main the event goes to the log; the call sites stay the same.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.apps import apps

logger = logging.getLogger("reports.audit")


def document_sent(*, user: Any, clinic_id: int, document_id: int, patient_id: int, method: str) -> None:
    """Record that a document left the clinic: who, which document, for which patient, by which route."""
    if apps.is_installed("audit"):
        action = importlib.import_module("audit.models").Action.SEND
        importlib.import_module("audit.services").event_record(
            action, "document", document_id, user=user, clinic_id=clinic_id, patient_id=patient_id, detail=method
        )
        return
    logger.info("audit send document %s (patient %s) by %s via %s", document_id, patient_id, user, method)
