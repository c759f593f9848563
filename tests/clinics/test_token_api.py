from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

URL = "/api/v1/auth/token"


def test_good_credentials_return_a_token(api_anonymous, clinician, password):
    response = api_anonymous.post(URL, {"username": "alice", "password": password}, format="json")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=clinician).key}


def test_asking_twice_returns_the_same_token(api_anonymous, clinician, password):
    first = api_anonymous.post(URL, {"username": "alice", "password": password}, format="json")
    second = api_anonymous.post(URL, {"username": "alice", "password": password}, format="json")

    assert first.json() == second.json()


def test_bad_password_is_a_400(api_anonymous, clinician):
    response = api_anonymous.post(URL, {"username": "alice", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_missing_fields_are_named(api_anonymous, db):
    response = api_anonymous.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_token_authenticates_api_calls(api_anonymous, clinician, patient, password):
    token = api_anonymous.post(URL, {"username": "alice", "password": password}, format="json").json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = api.get("/api/v1/patients/")

    assert response.status_code == 200
    assert response.json()["results"][0]["identifier"] == patient.identifier


def test_unknown_token_is_a_401(api_anonymous, db):
    api_anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_anonymous.get("/api/v1/patients/").status_code == 401
