"""Helpers for the blind clinical cases (test_blind_cases*.py): findings, the API call, the answer's parts.

assess() checks, on every answer, the invariants assess-api.md promises whatever the case: every condition
listed, most probable first, probabilities strictly between 0 and 1, evidence on the head.
"""

from __future__ import annotations

import json
from typing import Any

URL = "/api/v1/assess"
L = "left"
# REFERENCE rule 12 / assess-api.md: under a red flag, no provocation, stretch or resisted test is suggested;
# only a test that confirms the flag's route (pulses, bruit, ABI for a vascular flag; the palpable gap, no
# stretch, for a suspected avulsion) may be.
ROUTE_CONFIRMING = {
    "femoral_pulse_palpation",
    "iliofemoral_bruit",
    "ankle_brachial_index",
    "hamstring_origin_gap_palpation",
}
HAMSTRING_LOADING = {"puranen_orava", "bent_knee_stretch", "modified_bent_knee_stretch", "straight_leg_raise", "slump"}


def finding(
    maneuver: str, result: str = "positive", side: str | None = L, familiar: bool | None = True
) -> dict[str, Any]:
    """One finding; a positive provocation reproduces the familiar pain unless told otherwise (CODES.md)."""
    item: dict[str, Any] = {"maneuver": maneuver, "result": result}
    if side is not None:
        item["side"] = side
    if result == "positive" and familiar is not None:
        item["familiar_pain"] = familiar
    return item


SIJ4 = [
    finding("sij_distraction", side=None),
    finding("sij_thigh_thrust"),
    finding("sij_compression", side=None),
    finding("sij_sacral_thrust", side=None),
]


def post(client: Any, body: object) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def assess(client: Any, **body: Any) -> dict[str, Any]:
    """Assess and check the contract's invariants that hold for every answer (assess-api.md)."""
    body.setdefault("findings", [])
    response = post(client, body)
    assert response.status_code == 200, response.content
    out: dict[str, Any] = response.json()
    diff = out["differential"]
    assert len(diff) == 20  # "differential lists every condition the protocol knows" (CODES.md: 20)
    assert diff[0]["evidence"]  # "the head of the differential never has an empty list"
    odds = [d["probability"] for d in diff if not d["red_flag"]]
    assert all(0 < p < 1 for p in odds)  # rule 5: no condition is ever certain
    assert odds == sorted(odds, reverse=True)  # "most probable first"
    return out


def prob(out: dict[str, Any], condition: str) -> float:
    (found,) = [d["probability"] for d in out["differential"] if d["condition"] == condition]
    return float(found)


def lead(out: dict[str, Any]) -> dict[str, Any]:
    head: dict[str, Any] = out["differential"][0]
    return head


def multiplied(out: dict[str, Any], condition: str) -> dict[str, bool]:
    """Which supporting maneuvers/clusters of a condition were multiplied (rules 4 and 11)."""
    (entry,) = [d for d in out["differential"] if d["condition"] == condition]
    return {
        i.get("maneuver") or i["cluster"]: i["counted"] for i in entry["supporting"] if {"maneuver", "cluster"} & set(i)
    }


def cluster_of(out: dict[str, Any], code: str) -> dict[str, Any]:
    (found,) = [c for c in out["clusters"] if c["code"] == code]
    return dict(found)
