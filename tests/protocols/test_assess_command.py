"""`manage.py assess FILE.json` prints exactly the API's JSON and fails loudly on bad input."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from protocols.models import ProtocolVersion
from tests.protocols.engine.cases import PIRIFORMIS, SERIOUS


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("assess", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("case", [PIRIFORMIS, SERIOUS])
def test_prints_the_same_json_as_the_api(api_client, tmp_path, case):
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    printed, _ = _run(str(path))
    response = api_client.post("/api/v1/assess", data=json.dumps(case), content_type="application/json")
    assert json.loads(printed) == response.json()


@pytest.mark.django_db
def test_reads_standard_input_when_given_a_dash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"findings": []})))
    printed, _ = _run("-")
    assert json.loads(printed)["protocol"]["code"] == "buttock-pain"


@pytest.mark.django_db
def test_bad_input_fails_with_the_field_errors(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"findings": [{"maneuver": "fair", "result": "positive"}], "colour": 1}))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 field error"):
        call_command("assess", str(path), stdout=io.StringIO(), stderr=err)
    assert json.loads(err.getvalue()) == {
        "findings": [{"side": ["fair is sided: give left or right."]}],
        "colour": ["Unknown key."],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["{not json", None])
def test_unreadable_file_fails_cleanly(tmp_path, content):
    path = tmp_path / "exam.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match="Cannot read"):
        _run(str(path))


@pytest.mark.django_db
def test_without_a_released_protocol_it_says_what_to_do(tmp_path):
    ProtocolVersion.objects.all().delete()
    path = tmp_path / "exam.json"
    path.write_text(json.dumps({"findings": []}))
    with pytest.raises(CommandError, match="No released protocol"):
        _run(str(path))
