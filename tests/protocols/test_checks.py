from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from protocols.checks import protocol_files_check
from tests.protocols.releases import data_dir_copy


@pytest.fixture
def release(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped release that the system check reads instead of the real one."""
    monkeypatch.setattr("protocols.registry.DATA_DIR", data_dir_copy(tmp_path))
    return tmp_path / "buttock-pain" / "1.0.0.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_protocols_pass():
    assert protocol_files_check() == []


def test_unparsable_file_is_e001(release):
    edit(release, "regions:\n- lower_back", "regions: [lower_back")
    (message,) = protocol_files_check()
    assert message.id == "protocols.E001"
    assert "1.0.0.yaml, line" in message.msg
    assert "invalid YAML" in message.msg


def test_unparsable_care_file_is_e001(release):
    release.with_name("1.0.0.care.yaml").write_text("a: [b\n", encoding="utf-8")
    (message,) = protocol_files_check()
    assert (message.id, message.obj) == ("protocols.E001", str(release.with_name("1.0.0.care.yaml")))


def test_schema_error_is_e002_with_the_loader_message(release):
    edit(release, "    lr_pos: 5.2\n", "    lr_pos: -5.2\n")
    (message,) = protocol_files_check()
    assert message.id == "protocols.E002"
    assert "maneuvers.fair.accuracy[0].lr_pos: a likelihood ratio or factor must be greater than 0" in message.msg


def test_code_missing_from_the_protocol_is_e003(release):
    edit(release, "- back_pocket_wallet\n", "")
    edit(release, "  code: back_pocket_wallet", "  code: worse_standing")
    (message,) = [m for m in protocol_files_check() if m.id == "protocols.E003"]
    assert message.id == "protocols.E003"
    assert "symptoms lacks vocabulary codes: back_pocket_wallet" in message.msg


def test_code_outside_the_vocabulary_is_e004(release):
    edit(release, "- groin\n", "- groin\n- left_knee\n")
    # The care file now also lacks a label for the new region (E005); only the vocabulary error matters here.
    (message,) = [m for m in protocol_files_check() if m.id == "protocols.E004"]
    assert "left_knee" in message.msg


def test_care_file_that_misses_a_condition_is_e005(release):
    care = release.with_name("1.0.0.care.yaml")
    text = care.read_text(encoding="utf-8")
    conditions = text.index("\nconditions:\n")
    care.write_text(text[:conditions] + text[conditions:].replace("\n  sij_pain:", "\n  sij_pain_gone:", 1))
    (message,) = protocol_files_check()
    assert message.id == "protocols.E005"
    assert "sij_pain" in message.msg


def test_manage_py_check_fails_on_a_broken_file(release):
    edit(release, "version: 1.0.0", "version: '1.0'")
    with pytest.raises(SystemCheckError, match="protocols.E002"):
        call_command("check", tags=["protocols"])
