import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from PIL import Image

from clinics import team
from clinics.models import Membership, Role
from core.errors import DomainError
from tests.factories import ExamFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TEAM = reverse("clinics:member-list")
ADD = reverse("clinics:member-add")
SETTINGS = reverse("clinics:settings")


def edit_url(user):
    return reverse("clinics:member-edit", args=[user.membership.pk])


def active_url(user):
    return reverse("clinics:member-active", args=[user.membership.pk])


def member_fields(user, **changes):
    m = user.membership
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": m.role,
        "profession": m.profession,
        "registration_number": m.registration_number,
    } | changes


def new_member(**changes):
    return {
        "username": "dana",
        "first_name": "Dana",
        "last_name": "Scully",
        "email": "dana@example.org",
        "role": Role.CLINICIAN,
        "profession": "Physiotherapist",
        "registration_number": "PH12345",
        "access": "link",
    } | changes


def test_every_team_url_refuses_clinicians(client_clinician, clinician, colleague):
    for url in (TEAM, ADD, SETTINGS, edit_url(colleague)):
        assert client_clinician.get(url).status_code == 403, url
    assert client_clinician.post(active_url(colleague), {"active": "0"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, colleague):
    for url in (TEAM, ADD, SETTINGS, edit_url(colleague)):
        assert client.get(url)["Location"].startswith(reverse("login")), url


def test_a_member_of_another_clinic_is_404(client_lead, outsider):
    assert client_lead.get(edit_url(outsider)).status_code == 404
    assert client_lead.post(active_url(outsider), {"active": "0"}).status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active is True


def test_team_lists_only_own_clinic(client_lead, clinician, outsider):
    body = client_lead.get(TEAM).content.decode()
    assert "Alice Morgan" in body
    assert "Oscar" not in body


def test_lead_adds_a_clinician_who_sets_a_password_by_link(client_lead, clinic):
    response = client_lead.post(ADD, new_member())
    assert response.status_code == 200
    dana = get_user_model().objects.get(username="dana")
    assert dana.membership.clinic == clinic
    assert dana.membership.registration_number == "PH12345"
    assert dana.has_usable_password() is False
    link = response.context["invitation"].set_password_path
    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert form.context["validlink"] is True
    done = anonymous.post(
        form.redirect_chain[-1][0], {"new_password1": "a-long-pass-2026", "new_password2": "a-long-pass-2026"}
    )
    assert done.status_code == 302
    assert anonymous.login(request=HttpRequest(), username="dana", password="a-long-pass-2026") is True
    assert Client().get(link, follow=True).context["validlink"] is False  # the link works once


def test_one_time_password_must_be_changed_first(client_lead):
    response = client_lead.post(ADD, new_member(access="password"))
    password = response.context["invitation"].one_time_password
    dana = Client()
    assert dana.login(request=HttpRequest(), username="dana", password=password) is True
    assert dana.get(reverse("patients:patient-list"))["Location"] == reverse("password_change")
    changed = dana.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "my-own-pass-2026", "new_password2": "my-own-pass-2026"},
    )
    assert changed.status_code == 302
    assert dana.get(reverse("patients:patient-list")).status_code == 200


def test_taken_username_is_named(client_lead, clinician):
    response = client_lead.post(ADD, new_member(username="ALICE"))
    assert response.status_code == 400
    assert "taken" in str(response.context["form"].errors["username"])


def test_lead_edits_role_profession_and_registration(client_lead, clinician):
    fields = member_fields(clinician, role=Role.CLINIC_LEAD, profession="Sports physician", registration_number="GMC 7")
    assert client_lead.post(edit_url(clinician), fields).status_code == 302
    m = Membership.objects.get(user=clinician)
    assert (m.role, m.profession, m.registration_number) == (Role.CLINIC_LEAD, "Sports physician", "GMC 7")


def test_the_last_lead_cannot_be_demoted(client_lead, clinic_lead):
    response = client_lead.post(edit_url(clinic_lead), member_fields(clinic_lead, role=Role.CLINICIAN, first_name="X"))
    assert response.status_code == 400
    assert "at least one active lead" in str(response.context["form"].errors["role"])
    clinic_lead.refresh_from_db()
    assert clinic_lead.membership.role == Role.CLINIC_LEAD
    assert clinic_lead.first_name == "Carol"  # nothing half-saved


def test_a_lead_can_be_demoted_when_another_remains(client_lead, clinic, clinic_lead):
    MembershipFactory(clinic=clinic, role=Role.CLINIC_LEAD)
    assert client_lead.post(edit_url(clinic_lead), member_fields(clinic_lead, role=Role.CLINICIAN)).status_code == 302
    assert Membership.objects.get(user=clinic_lead).role == Role.CLINICIAN


def test_a_lead_cannot_deactivate_themself(client_lead, clinic_lead):
    response = client_lead.post(active_url(clinic_lead), {"active": "0"})
    assert response.status_code == 400
    assert "ask another lead" in response.content.decode()
    clinic_lead.refresh_from_db()
    assert clinic_lead.is_active is True


def test_the_last_active_lead_cannot_be_deactivated(clinic, clinic_lead, clinician):
    gone = MembershipFactory(clinic=clinic, role=Role.CLINIC_LEAD).user
    gone.is_active = False
    gone.save()
    with pytest.raises(DomainError, match="at least one active lead"):
        team.member_active_set(membership=clinic_lead.membership, active=False, by=clinician)
    with pytest.raises(DomainError, match="at least one active lead"):
        team.member_role_set(membership=clinic_lead.membership, role=Role.CLINICIAN)


def test_a_lead_deactivates_another_lead(client_lead, clinic):
    other = MembershipFactory(clinic=clinic, role=Role.CLINIC_LEAD).user
    assert client_lead.post(active_url(other), {"active": "0"}).status_code == 302
    other.refresh_from_db()
    assert other.is_active is False


def test_deactivated_member_cannot_sign_in_and_keeps_their_exams(client_lead, clinician, patient, password):
    exam = ExamFactory(patient=patient, clinician=clinician)
    session = Client()
    session.force_login(clinician)
    assert client_lead.post(active_url(clinician), {"active": "0"}).status_code == 302
    clinician.refresh_from_db()
    assert clinician.is_active is False
    assert Client().login(request=HttpRequest(), username="alice", password=password) is False
    refused = Client().post(reverse("login"), {"username": "alice", "password": password})
    assert refused.status_code == 200
    assert session.get(reverse("patients:patient-list")).status_code == 302  # the open session ends too
    exam.refresh_from_db()
    assert exam.clinician == clinician
    assert client_lead.post(active_url(clinician), {"active": "1"}).status_code == 302
    assert Client().login(request=HttpRequest(), username="alice", password=password) is True


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_lead_edits_clinic_settings(client_lead, clinic, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fields = {
        "name": "Riverside Physiotherapy",
        "address": "2 Bridge Street",
        "phone": "01865 111111",
        "email": "hello@riverside.example",
        "paper_size": "Letter",
        "national_id_label": "NHS number",
        "copy_letters_to_patient": "on",
        "require_two_factor": "on",
        "logo": SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
    }
    assert client_lead.post(SETTINGS, fields).status_code == 302
    clinic.refresh_from_db()
    assert (clinic.name, clinic.paper_size, clinic.national_id_label) == (
        "Riverside Physiotherapy",
        "Letter",
        "NHS number",
    )
    assert clinic.copy_letters_to_patient is True
    assert clinic.require_two_factor is True
    assert clinic.logo.name.endswith(".png")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("paper_size", "A3"),
        ("name", ""),
        ("logo", SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")),
    ],
)
def test_bad_settings_are_named(client_lead, clinic, field, value):
    fields = {"name": clinic.name, "paper_size": "A4", field: value}
    response = client_lead.post(SETTINGS, fields)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    clinic.refresh_from_db()
    assert clinic.name == "Riverside Physio"
