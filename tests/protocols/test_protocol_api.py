from __future__ import annotations

import pytest
from django.urls import reverse

from protocols.registry import protocol_versions_sync
from tests.protocols.releases import data_dir_copy, release_add

LIST = "/api/v1/protocols/"
DETAIL = "/api/v1/protocols/buttock-pain/"


@pytest.fixture
def data_dir(tmp_path):
    return data_dir_copy(tmp_path)


def test_urls_are_named():
    assert reverse("protocols:protocol-list") == LIST
    assert reverse("protocols:protocol-detail", kwargs={"code": "buttock-pain"}) == DETAIL


@pytest.mark.parametrize("url", [LIST, DETAIL])
def test_anonymous_gets_401(api_anonymous, db, url):
    response = api_anonymous.get(url)

    assert response.status_code == 401


def test_list_names_each_release_with_its_url(api_client):
    response = api_client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert body["results"] == [
        {
            "code": "buttock-pain",
            "version": version,
            "title": "Buttock pain (deep gluteal syndrome and its mimics)",
            "current": version == "1.1.0",
            "url": f"/api/v1/protocols/buttock-pain/?version={version}",
        }
        for version in ("1.1.0", "1.0.0")
    ]


PAGES = [("?page=1", 200), ("?page=2", 404), ("?page=0", 400), ("?page=x", 400), ("?page=last", 200)]


@pytest.mark.parametrize(("query", "status"), PAGES)
def test_list_is_paged_like_the_other_lists(api_client, query, status):
    assert api_client.get(LIST + query).status_code == status


def test_detail_gives_what_the_exam_screen_needs(api_client):
    response = api_client.get(DETAIL)

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["version"]) == ("buttock-pain", "1.1.0")
    assert body["disclaimer"].startswith("Working diagnosis for clinical decision support")
    assert [s["code"] for s in body["steps"]][:3] == ["red_flags", "pain_map", "sij_provocation"]
    maneuvers = {m["code"]: m for s in body["steps"] for m in s["maneuvers"]}
    assert len(maneuvers) == 44
    fair = maneuvers["fair"]
    assert (fair["sided"], fair["provocation"], fair["either_side"]) == (True, True, False)
    assert all(fair[key] for key in ("position", "action", "positive"))
    (evidence,) = fair["accuracy"]
    assert (evidence["citation"], evidence["basis"], evidence["lr_pos"], evidence["preferred"]) == (
        "Fishman 2002",
        "published",
        5.2,
        True,
    )
    judged = [a for a in maneuvers["iliac_crest_palpation"]["accuracy"] if a["basis"] == "judgement"]
    assert [(a["lr_pos"], a["citation"]) for a in judged] == [(4.0, "Kuniya 2014")]
    assert maneuvers["crossed_straight_leg_raise"]["either_side"] is True
    assert len(body["red_flags"]) == 17
    assert body["red_flags"][0]["question"]
    assert len(body["regions"]) == 15
    assert len(body["symptoms"]) == 29
    labels = {c["code"]: c["label"] for c in body["conditions"]}
    assert labels["sij_pain"] == "Sacroiliac joint pain / dysfunction"
    assert {c["code"] for c in body["clusters"]} >= {"laslett_sij", "martin_dgs"}


def test_outsider_reads_the_same_shared_knowledge(api_outsider):
    response = api_outsider.get(DETAIL)

    assert response.status_code == 200


def test_version_query_pins_an_older_release(api_client, data_dir):
    release_add(data_dir, "1.2.0", ("  prior:\n    value: 0.15", "  prior:\n    value: 0.25"))
    protocol_versions_sync(data_dir=data_dir)

    current = api_client.get(DETAIL).json()
    pinned = api_client.get(DETAIL, {"version": "1.0.0"}).json()

    assert current["version"] == "1.2.0"
    assert pinned["version"] == "1.0.0"
    assert {c["code"]: c["prior"] for c in pinned["conditions"]}["sij_pain"] == 0.15
    assert [(r["version"], r["current"]) for r in api_client.get(LIST).json()["results"]] == [
        ("1.2.0", True),
        ("1.1.0", False),
        ("1.0.0", False),
    ]


@pytest.mark.parametrize(("url", "query"), [("/api/v1/protocols/low-back-pain/", {}), (DETAIL, {"version": "9.9.9"})])
def test_unknown_code_or_version_is_404(api_client, url, query):
    response = api_client.get(url, query)

    assert response.status_code == 404
    assert "No released protocol" in response.json()["detail"]
