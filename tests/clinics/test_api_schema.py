def test_schema_is_served_to_a_signed_in_user(client_clinician):
    response = client_clinician.get("/api/schema/")

    assert response.status_code == 200
    assert b"/api/v1/patients/{id}/" in response.content
    assert b"/api/v1/auth/token" in response.content


def test_schema_documents_patient_examples(client_clinician):
    response = client_clinician.get("/api/schema/", {"format": "json"})

    operation = response.json()["paths"]["/api/v1/patients/"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["examples"]


def test_docs_page_renders(client_clinician):
    response = client_clinician.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
