import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_lead_lands_on_the_dashboard(client_lead):
    assert client_lead.get(reverse("home"))["Location"] == reverse("dashboard:dashboard")


def test_clinician_lands_on_patients(client_clinician):
    assert client_clinician.get(reverse("home"))["Location"] == reverse("patients:patient-list")


def test_sign_in_sends_each_role_home(client, clinic_lead, password):
    response = client.post(reverse("login"), {"username": "carol", "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard:dashboard")


def test_navigation_shows_the_dashboard_to_leads_only(client_lead, client_clinician):
    link = f'href="{reverse("dashboard:dashboard")}"'
    assert link in client_lead.get(reverse("patients:patient-list")).content.decode()
    assert link not in client_clinician.get(reverse("patients:patient-list")).content.decode()
