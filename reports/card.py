"""The cauda equina safety-net card on its own: printed with every plan, and here for handing out by itself.

It carries no patient data, only the clinic's letterhead and the current release's lay warning signs, so one
render per clinic letterhead and release is kept in memory and served again until either changes.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone

from clinics.models import Clinic
from protocols.registry import protocol_current
from reports.document import CardContext
from reports.knowledge import knowledge_get
from reports.pdf import document_render
from reports.sections import clinic_header

_rendered: dict[str, bytes] = {}


def card_context(clinic: Clinic, *, author: str = "") -> CardContext:
    protocol, care = knowledge_get(protocol_current().code, protocol_current().version)
    words = {
        level: tuple(care.patient_flag_words[c] for c, flag in protocol.red_flags.items() if flag.level.value == level)
        for level in ("emergency", "urgent")
    }
    return CardContext(
        kind="safety_net_card",
        title=f"Back pain warning signs: {clinic.name}",
        generated_on=timezone.localdate(),
        clinic=clinic_header(clinic),
        clinician=author or clinic.name,
        emergency_words=words["emergency"],
        urgent_words=words["urgent"],
    )


def card_pdf(clinic: Clinic) -> bytes:
    """Return the card's PDF for this clinic, rendered once per letterhead and release."""
    context = card_context(clinic)
    key = hashlib.sha256(repr((context.clinic, context.emergency_words, context.urgent_words)).encode()).hexdigest()
    if key not in _rendered:
        _rendered[key] = document_render(context)
    return _rendered[key]
