import pytest
from django.urls import reverse

from tests.factories import PatientFactory

URL = reverse("patients:patient-list")


def test_anonymous_is_sent_to_login(client, patient):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


def test_lists_the_clinics_patients_only(client_clinician, patient, other_patient):
    response = client_clinician.get(URL)

    assert response.status_code == 200
    assert patient.identifier in response.text
    assert other_patient.identifier not in response.text
    assert other_patient.family_name not in response.text


def test_outsider_never_sees_clinic_a_patients(client_outsider, patient, other_patient):
    response = client_outsider.get(URL, {"q": patient.family_name})

    assert patient.identifier not in response.text
    assert "No patients match" in response.text


def test_plain_get_search_renders_the_whole_page(client_clinician, patient, clinic):
    PatientFactory(clinic=clinic, identifier="RP-0777", given_name="Zed", family_name="Zulu")

    response = client_clinician.get(URL, {"q": "zulu"})

    assert "<html" in response.text
    assert "RP-0777" in response.text
    assert patient.identifier not in response.text
    assert 'value="zulu"' in response.text


def test_search_by_identifier(client_clinician, patient, clinic):
    PatientFactory(clinic=clinic, identifier="RP-0777")

    response = client_clinician.get(URL, {"q": "rp-0001"})

    assert patient.identifier in response.text
    assert "RP-0777" not in response.text


def test_htmx_search_returns_only_the_rows(client_clinician, patient):
    response = client_clinician.get(URL, {"q": "doe"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<h1" not in response.text
    assert response.text.lstrip().startswith('<section id="patient-rows"')
    assert patient.identifier in response.text
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client_clinician, patient):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

    response = client_clinician.get(URL, {"q": "doe"}, headers=headers)

    assert "<html" in response.text


def test_search_box_works_with_and_without_htmx(client_clinician, patient):
    response = client_clinician.get(URL)

    assert f'hx-get="{URL}"' in response.text
    assert 'hx-trigger="input changed delay:250ms, search"' in response.text
    assert 'hx-target="#patient-rows"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert f'action="{URL}"' in response.text
    assert '<label for="patient-search">' in response.text


def test_empty_search_names_the_query(client_clinician, patient):
    response = client_clinician.get(URL, {"q": "xyz"})

    assert "No patients match “xyz”" in response.text


def test_search_query_is_escaped(client_clinician, patient):
    response = client_clinician.get(URL, {"q": "<script>"})

    assert "<script>" not in response.text.split("</head>")[1]


def test_pages_hold_twenty_patients(client_clinician, clinic):
    PatientFactory.create_batch(25, clinic=clinic)

    first = client_clinician.get(URL)
    second = client_clinician.get(URL, {"page": 2})

    assert first.text.count('class="patient-row"') == 20
    assert second.text.count('class="patient-row"') == 5
    assert "Page 2 of 2" in second.text


def test_page_links_keep_the_search(client_clinician, clinic):
    PatientFactory.create_batch(21, clinic=clinic, family_name="Smith")

    response = client_clinician.get(URL, {"q": "smith"})

    assert "?q=smith&amp;page=2" in response.text


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_patients(client_clinician, clinic, django_assert_num_queries, count):
    PatientFactory.create_batch(count, clinic=clinic)

    # 1 session, 2 user, 3 membership with its clinic (middleware), 4 count for the pager, 5 one page of patients,
    # 6 the audit event
    with django_assert_num_queries(6):
        response = client_clinician.get(URL)

    assert response.status_code == 200


def test_summary_counts_the_matches(client_clinician, patient):
    response = client_clinician.get(URL, {"q": "doe"})

    assert "1 patient matching “doe”." in response.text
