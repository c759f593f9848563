from django.urls import reverse

URL = reverse("login")


def test_login_page_renders_for_anonymous(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert '<label for="id_username">' in response.text
    assert '<label for="id_password">' in response.text
    assert response.text.count("<h1") == 1


def test_good_credentials_sign_in_and_go_to_patients(client, clinician, password):
    response = client.post(URL, {"username": "alice", "password": password})

    assert response.status_code == 302
    assert response.url == reverse("home")  # which sends a clinician on to the patient list
    assert client.get(response.url).url == reverse("patients:patient-list")
    assert client.get(reverse("patients:patient-list")).status_code == 200


def test_login_follows_next(client, clinician, password, patient):
    detail = patient.get_absolute_url()

    response = client.post(URL, {"username": "alice", "password": password, "next": detail})

    assert response.url == detail


def test_bad_credentials_show_an_error(client, clinician):
    response = client.post(URL, {"username": "alice", "password": "wrong"})

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "_auth_user_id" not in client.session


def test_signed_in_user_is_redirected_away_from_login(client_clinician):
    response = client_clinician.get(URL)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_home_redirects_to_patients(client_clinician):
    response = client_clinician.get("/")

    assert response.status_code == 302
    assert response.url == reverse("patients:patient-list")


def test_sign_out_ends_the_session(client_clinician):
    response = client_clinician.post(reverse("logout"))

    assert response.status_code == 302
    assert client_clinician.get(reverse("patients:patient-list")).status_code == 302


def test_empty_fields_are_named_and_linked(client, db):
    response = client.post(URL, {"username": "", "password": ""})

    assert response.status_code == 200
    assert 'id="id_username_error"' in response.text
    assert 'aria-invalid="true" aria-describedby="id_password_error"' in response.text


def test_typed_username_is_kept_after_a_bad_password(client, clinician):
    response = client.post(URL, {"username": "alice", "password": "wrong"})

    assert 'value="alice"' in response.text
