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


def _force_login_passes_two_factor() -> None:
    """Tests that call force_login act as a user who also entered their second factor.

    Users who need two-factor get a confirmed authenticator and a verified session, exactly what the code
    step leaves behind; the two-factor tests sign in through the real forms instead (test-only helper).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from security.two_factor import has_two_factor, two_factor_required

    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        if two_factor_required(user) or has_two_factor(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="tests", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    Client.force_login = force_login_verified


_force_login_passes_two_factor()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test against a database file rather than Django's shared in-memory one.

    In memory, Django hands the browser tests' live server the test's own connection, and every server
    thread then shares it: two tablets saving at once, or a prefetch overlapping the test's own query,
    fail at random ("cannot open savepoint - SQL statements in progress", "table is locked"). A file
    gives each thread its own connection, as `make run` does, with WAL and a busy timeout.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / "test-db.sqlite3")


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
