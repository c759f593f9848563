from __future__ import annotations

import pytest
from django.test import Client

from protocols.models import ProtocolVersion
from tests.factories import UserFactory


@pytest.fixture
def admin_client_(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_changelist_shows_released_versions(admin_client_):
    response = admin_client_.get("/admin/protocols/protocolversion/")

    assert response.status_code == 200
    assert b"buttock-pain" in response.content
    assert b"1.0.0" in response.content


def test_releases_cannot_be_added_changed_or_deleted(admin_client_):
    row = ProtocolVersion.objects.get(code="buttock-pain", version="1.0.0")

    assert admin_client_.get("/admin/protocols/protocolversion/add/").status_code == 403
    assert admin_client_.post(f"/admin/protocols/protocolversion/{row.pk}/change/", {"title": "x"}).status_code == 403
    assert admin_client_.get(f"/admin/protocols/protocolversion/{row.pk}/delete/").status_code == 403
    row.refresh_from_db()
    assert row.title == "Buttock pain (deep gluteal syndrome and its mimics)"
