from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from clinics.models import Clinic, Membership, Role
from patients.models import Patient

SIGN_IN = RequestFactory().post("/accounts/login/")  # the lockout backend needs the request


def _seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in (Clinic, Membership, Patient, get_user_model())}


@pytest.mark.django_db
def test_seed_creates_two_clinics_four_logins_and_a_dozen_patients():
    _seed()

    riverside = Clinic.objects.get(name="Riverside Physiotherapy")
    assert riverside.paper_size == "A4"
    assert riverside.address
    assert riverside.phone
    assert riverside.patients.count() == 12
    assert Clinic.objects.get(name="Hilltop Sports Clinic").memberships.count() == 1
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "lead": Role.CLINIC_LEAD,
        "clinician": Role.CLINICIAN,
        "clinician2": Role.CLINICIAN,
        "hilltop": Role.CLINICIAN,
    }


@pytest.mark.django_db
def test_seed_twice_creates_nothing_new():
    _seed()
    first = _counts()

    _seed()

    assert _counts() == first


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["lead", "clinician", "clinician2", "hilltop"])
def test_printed_logins_authenticate(username):
    out = _seed()

    assert f"{username}" in out
    assert "demo-pass-2026" in out
    assert authenticate(SIGN_IN, username=username, password="demo-pass-2026") is not None


@pytest.mark.django_db
def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass")

    out = _seed()

    assert "another-demo-pass" in out
    assert authenticate(SIGN_IN, username="clinician", password="another-demo-pass") is not None


@pytest.mark.django_db
def test_a_second_run_leaves_what_exists_as_it_is(monkeypatch):
    # given: a demo that someone has used
    _seed()
    patient = Patient.objects.get(identifier="RP-1001")
    patient.given_name, patient.notes = "Amy", "Edited at the table."
    patient.save()
    user = get_user_model().objects.get(username="clinician")
    user.set_password("changed-by-someone")
    user.first_name = "Thomas"
    user.save()
    clinic = Clinic.objects.get(name="Riverside Physiotherapy")
    clinic.phone = "01865 000000"
    clinic.save()
    Membership.objects.filter(user__username="clinician2").update(role=Role.CLINIC_LEAD)
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass")

    # when
    _seed()

    # then
    patient.refresh_from_db()
    assert (patient.given_name, patient.notes) == ("Amy", "Edited at the table.")
    assert authenticate(SIGN_IN, username="clinician", password="changed-by-someone") is not None
    assert get_user_model().objects.get(username="clinician").first_name == "Thomas"
    assert Clinic.objects.get(pk=clinic.pk).phone == "01865 000000"
    assert Membership.objects.get(user__username="clinician2").role == Role.CLINIC_LEAD


@pytest.mark.django_db
def test_a_second_run_recreates_what_was_deleted():
    _seed()
    Patient.objects.filter(identifier="RP-1012").delete()

    _seed()

    assert Patient.objects.filter(identifier="RP-1012").exists()


@pytest.mark.django_db
def test_output_names_the_url_and_roles():
    out = _seed()

    assert "http://127.0.0.1:8000/" in out
    assert "Clinic lead, Riverside Physiotherapy" in out
    assert "Clinician, Hilltop Sports Clinic" in out


@pytest.mark.django_db
def test_only_the_operator_can_open_the_cross_clinic_admin():
    _seed()

    staff = set(get_user_model().objects.filter(is_staff=True).values_list("username", flat=True))
    assert staff == {"admin"}
    lead = get_user_model().objects.get(username="lead")
    assert lead.is_staff is False
    assert lead.has_perm("patients.view_patient") is False


@pytest.mark.django_db
def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")

    assert not Clinic.objects.exists()


@pytest.mark.django_db
def test_patients_are_registered_by_someone_of_their_own_clinic():
    _seed()

    for patient in Patient.objects.select_related("created_by__membership"):
        assert patient.created_by.membership.clinic_id == patient.clinic_id
