"""Shared cast: clinician, colleague and clinic_lead in clinic A; outsider in clinic B."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from audit import guard
from clinics.models import Role
from protocols.registry import protocol_get, protocol_versions_sync
from security.tokens import token_issue
from tests.factories import PASSWORD, ClinicFactory, MembershipFactory, PatientFactory, UserFactory


def _flush_with_audit_maintenance() -> None:
    """Transactional tests empty the database between tests; the audit triggers otherwise refuse (SQLite)."""
    from django.core.management.commands import flush

    handle = flush.Command.handle

    def handle_in_maintenance(self, **options):
        with guard.maintenance():
            return handle(self, **options)

    flush.Command.handle = handle_in_maintenance


_flush_with_audit_maintenance()


@pytest.fixture
def protocol(db):
    """Store the shipped releases, as `migrate` does on a real install (transactional tests flush them)."""
    protocol_versions_sync()
    return protocol_get("buttock-pain", "1.0.0")


@pytest.fixture
def clinic(db):
    return ClinicFactory(name="Riverside Physio")


@pytest.fixture
def other_clinic(db):
    return ClinicFactory(name="Hilltop Sports Clinic")


def _member(username: str, clinic, role: str = Role.CLINICIAN, **names):
    user = UserFactory(username=username, **names)
    MembershipFactory(user=user, clinic=clinic, role=role)
    return user


@pytest.fixture
def clinician(clinic):
    return _member("alice", clinic, first_name="Alice", last_name="Morgan")


@pytest.fixture
def colleague(clinic):
    return _member("bob", clinic, first_name="Bob", last_name="Hughes")


@pytest.fixture
def clinic_lead(clinic):
    return _member("carol", clinic, Role.CLINIC_LEAD, first_name="Carol", last_name="Ng")


@pytest.fixture
def outsider(other_clinic):
    return _member("oscar", other_clinic, first_name="Oscar", last_name="Reyes")


@pytest.fixture
def patient(clinic):
    return PatientFactory(clinic=clinic, identifier="RP-0001", given_name="Jane", family_name="Doe")


@pytest.fixture
def other_patient(other_clinic):
    return PatientFactory(clinic=other_clinic, identifier="HT-0001", given_name="John", family_name="Smith")


@pytest.fixture
def password():
    return PASSWORD


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_clinician(clinician) -> Client:
    return _logged_in(clinician)


@pytest.fixture
def client_lead(clinic_lead) -> Client:
    return _logged_in(clinic_lead)


@pytest.fixture
def client_outsider(outsider) -> Client:
    return _logged_in(outsider)


def _token_client(user) -> APIClient:
    api = APIClient()
    key, _ = token_issue(user=user, device="tests")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


@pytest.fixture
def api_client(clinician) -> APIClient:
    """A clinician of clinic A calling the API with a token, as an integrator would."""
    return _token_client(clinician)


@pytest.fixture
def api_outsider(outsider) -> APIClient:
    return _token_client(outsider)


@pytest.fixture
def api_anonymous() -> APIClient:
    return APIClient()
