"""The verification lifecycle: which decision a regulator may take from which state, and
what each state leaves on the profile (decision 55)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.world import World


def _decide(world: World, decision: str, enterprise_id: str | None = None) -> httpx.Response:
    enterprise_id = enterprise_id or world.ids["enterprise_a"]
    body: dict[str, Any] | None = (
        {"reason": "营业执照与申请信息不符"} if decision == "reject" else None
    )
    response: httpx.Response = world.client.post(
        f"/v1/enterprises/{enterprise_id}/{decision}",
        json=body,
        headers=world["district_admin"].headers,
    )
    return response


def _profile(world: World) -> dict[str, Any]:
    response = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}", headers=world["a_admin"].headers
    )
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.parametrize(("decision", "state"), [("verify", "verified"), ("reject", "rejected")])
def test_a_decision_cannot_be_taken_twice(world: World, decision: str, state: str) -> None:
    first = _decide(world, decision)
    assert first.status_code == 200, first.text
    before = _profile(world)
    again = _decide(world, decision)
    assert again.status_code == 409, again.text
    assert again.headers["content-type"].startswith("application/problem+json")
    problem = again.json()
    assert problem["code"] == "invalid_transition"
    assert state in problem["detail"]
    # Nothing moved: not the decision's time, not the ETag's version.
    assert _profile(world) == before


def test_rejecting_a_verified_enterprise_clears_its_verification(world: World) -> None:
    assert _decide(world, "verify").status_code == 200
    rejected = _decide(world, "reject")
    assert rejected.status_code == 200, rejected.text
    body = rejected.json()
    assert body["verification_status"] == "rejected"
    assert body["verified_at"] is None
    assert body["rejection_reason"] == "营业执照与申请信息不符"
    assert _profile(world)["verified_at"] is None


def test_a_rejected_enterprise_may_be_verified_after_all(world: World) -> None:
    rejected = _decide(world, "reject")
    assert rejected.json()["verified_at"] is None
    verified = _decide(world, "verify")
    assert verified.status_code == 200, verified.text
    assert verified.json()["verification_status"] == "verified"
    assert verified.json()["verified_at"] is not None
    assert verified.json()["rejection_reason"] is None
