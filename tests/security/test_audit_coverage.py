"""Every URL that takes a patient, exam or document id is audited: listed in audit.routes, or named below
as recording its own events through audit.services.event_record (or as not about patient data)."""

from __future__ import annotations

from audit.routes import ROUTES
from tests.security.test_authorization_matrix import _routes

PATIENT_DATA_KWARGS = ("<int:pk>", "<int:exam_id>", "<int:patient_pk>")
RECORDS_ITSELF = {
    "retention:patient-export",  # retention.services: export
    "retention:patient-archive",  # archive
    "retention:patient-restore",  # restore
    "security:member-security",  # a member's account, not patient data
    "security:member-unlock",  # unlock event
    "security:member-tokens-revoke",  # token-revoke events
    "security:member-two-factor-reset",  # two-factor event
    "clinics:member-edit",  # a member's role and registration, not patient data
    "clinics:member-active",  # deactivation: an account change, not patient data
    "clinics:member-invite",  # a set-password email: an account, not patient data
}


def test_every_patient_data_url_is_audited():
    missing = [
        f"{name} ({route})"
        for name, route in _routes()
        if not route.startswith("admin/")
        and any(kwarg in route for kwarg in PATIENT_DATA_KWARGS)
        and name not in ROUTES
        and name not in RECORDS_ITSELF
    ]
    assert not missing, "add to audit/routes.py ROUTES or RECORDS_ITSELF:\n" + "\n".join(missing)
