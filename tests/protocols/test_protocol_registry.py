from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from protocols.loader import ProtocolError, protocol_load_file
from protocols.models import ProtocolVersion
from protocols.registry import (
    ProtocolNotFound,
    ProtocolReleaseChanged,
    protocol_current,
    protocol_get,
    protocol_versions_sync,
    shipped_read,
)
from tests.protocols.releases import LEGACY, SHIPPED, data_dir_copy, item, release_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return data_dir_copy(tmp_path)


def test_migrate_registered_the_shipped_release():
    for version, path in (("1.0.0", LEGACY), ("1.1.0", SHIPPED)):
        row = ProtocolVersion.objects.get(code="buttock-pain", version=version)
        assert row.sha256 == shipped_read(path).sha256
        assert item(row.definition["maneuvers"], "fair")["group"] == "deep_gluteal"


def test_current_is_the_highest_semantic_version(data_dir):
    release_add(data_dir, "1.10.0")
    release_add(data_dir, "1.9.0")
    protocol_versions_sync(data_dir=data_dir)
    assert protocol_current("buttock-pain").version == "1.10.0"


def test_a_newer_release_does_not_change_what_an_old_exam_reads(data_dir):
    before = protocol_get("buttock-pain", "1.0.0")
    release_add(data_dir, "1.2.0", ("  prior:\n    value: 0.15", "  prior:\n    value: 0.25"))
    protocol_versions_sync(data_dir=data_dir)
    assert protocol_get("buttock-pain", "1.2.0").conditions["sij_pain"].prior == 0.25
    assert protocol_get("buttock-pain", "1.0.0").conditions["sij_pain"].prior == 0.15
    assert protocol_get("buttock-pain", "1.0.0") == before


def test_stored_release_keeps_the_order_of_the_file():
    """PostgreSQL's jsonb reorders object keys, so every ordered section must survive storage."""
    for version, path in (("1.0.0", LEGACY), ("1.1.0", SHIPPED)):
        stored, shipped = protocol_get("buttock-pain", version), protocol_load_file(path)
        assert [step.maneuvers for step in stored.steps] == [step.maneuvers for step in shipped.steps]
        for section in ("maneuvers", "conditions", "red_flags", "clusters", "sources", "age_items", "families"):
            assert list(getattr(stored, section)) == list(getattr(shipped, section)), section
        assert stored == shipped


def test_protocol_is_built_from_the_stored_row_not_the_file(data_dir):
    row = ProtocolVersion.objects.get(code="buttock-pain", version="1.0.0")
    row.definition["title"] = "Stored title"
    row.sha256 = "0" * 64  # a different digest is a different cache entry
    row.save()
    assert protocol_get("buttock-pain", "1.0.0").title == "Stored title"


def test_sync_is_idempotent(data_dir):
    release_add(data_dir, "1.0.1")
    assert [row.version for row in protocol_versions_sync(data_dir=data_dir)] == ["1.0.1"]
    assert protocol_versions_sync(data_dir=data_dir) == []
    assert ProtocolVersion.objects.filter(code="buttock-pain").count() == 3


def test_sync_refuses_an_edited_release(data_dir):
    path = data_dir / "buttock-pain" / "1.0.0.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 0.15", "value: 0.16", 1), encoding="utf-8")
    with pytest.raises(ProtocolReleaseChanged, match="Released versions never change: publish a new version"):
        protocol_versions_sync(data_dir=data_dir)


def test_an_edited_care_file_also_changes_the_release(data_dir):
    care = data_dir / "buttock-pain" / "1.0.0.care.yaml"
    care.write_text(care.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(ProtocolReleaseChanged):
        protocol_versions_sync(data_dir=data_dir)


def test_care_file_is_stored_with_its_release(data_dir):
    release_add(data_dir, "2.0.0")
    (data_dir / "buttock-pain" / "2.0.0.care.yaml").write_text("sij_pain:\n  advice: [rest]\n", encoding="utf-8")
    protocol_versions_sync(data_dir=data_dir)
    assert ProtocolVersion.objects.get(version="2.0.0").care == {"sij_pain": {"advice": ["rest"]}}


def test_file_whose_path_disagrees_with_its_version_is_refused(data_dir):
    release_add(data_dir, "1.2.0").rename(data_dir / "buttock-pain" / "1.3.0.yaml")
    with pytest.raises(ProtocolError, match="1.3.0.yaml.*declares buttock-pain 1.2.0"):
        protocol_versions_sync(data_dir=data_dir)


def test_unknown_code_or_version_is_not_found():
    with pytest.raises(ProtocolNotFound):
        protocol_current("low-back-pain")
    with pytest.raises(ProtocolNotFound):
        protocol_get("buttock-pain", "9.9.9")


def test_load_protocols_command_reports_and_is_idempotent(data_dir, monkeypatch):
    monkeypatch.setattr("protocols.registry.DATA_DIR", data_dir)
    release_add(data_dir, "1.0.1")
    out = StringIO()
    call_command("load_protocols", stdout=out)
    assert "Loaded buttock-pain 1.0.1" in out.getvalue()
    assert "1 loaded, 2 already stored and unchanged." in out.getvalue()
    out = StringIO()
    call_command("load_protocols", stdout=out)
    assert out.getvalue().strip() == "0 loaded, 3 already stored and unchanged."


def test_load_protocols_command_fails_on_an_edited_release(data_dir, monkeypatch):
    monkeypatch.setattr("protocols.registry.DATA_DIR", data_dir)
    path = data_dir / "buttock-pain" / "1.0.0.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(CommandError, match="publish a new version"):
        call_command("load_protocols", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_is_emptied_here():
    ProtocolVersion.objects.all().delete()
    assert not ProtocolVersion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_shipped_releases_back():
    """Flushing between transactional tests (live_server) re-runs post_migrate, which re-registers releases."""
    assert protocol_current().version == "1.1.0"
    assert protocol_get("buttock-pain", "1.0.0").version == "1.0.0"
