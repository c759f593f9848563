"""The browsable API docs are for people: a signed-out visitor is sent to sign in and brought back."""

from __future__ import annotations


def test_signed_out_visitor_is_sent_to_sign_in_and_back(client):
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/api/docs/"


def test_signing_in_returns_to_the_docs(client, clinician, password):
    response = client.post("/accounts/login/?next=/api/docs/", {"username": "alice", "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"


def test_schema_for_a_signed_out_tool_is_a_json_401(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code in (401, 403)
    assert response.json()["detail"]
