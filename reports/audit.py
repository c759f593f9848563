"""One call for the documents' audit events: helper S's audit app records them once it is installed.

Until then the event is logged (the audit app is not on main yet); the call sites stay the same either way.
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps

logger = logging.getLogger("reports.audit")


def audit_record(*, actor: Any, action: str, obj: Any, detail: dict[str, Any] | None = None) -> None:
    """Record who did what to which document or sending."""
    if apps.is_installed("audit"):
        from audit import services  # type: ignore[import-not-found, unused-ignore]

        record = getattr(services, "audit_record", None) or getattr(services, "record", None)
        if record is not None:
            record(actor=actor, action=action, obj=obj, detail=detail or {})
            return
    logger.info("audit %s by %s on %s %s: %s", action, actor, type(obj).__name__, getattr(obj, "pk", ""), detail)
