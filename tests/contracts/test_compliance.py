"""Art. 17.1's entrusting branch: an active entrusting contract naming a registered safety
engineer satisfies it for a small or micro enterprise only, and the finding cites it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.contracts.support import ENGINEER, TRAINING, accepted, act, url
from tests.support.world import World


def _size(world: World, sme_class: str) -> None:
    response = world.client.patch(
        url(world, "compliance").rsplit("/", 1)[0],
        json={"sme_class": sme_class, "employee_count": 20},
        headers={**world["a_admin"].headers, "If-Match": "*"},
    )
    assert response.status_code == 200, response.text


def _staffing(world: World, **params: str) -> dict[str, Any]:
    report = world.client.get(
        url(world, "compliance"), params=params, headers=world["a_viewer"].headers
    )
    assert report.status_code == 200, report.text
    return next(f for f in report.json()["findings"] if f["rule_id"] == "HJ2014-17.1")


def _entrusting(world: World) -> dict[str, Any]:
    return accepted(world, TRAINING, entrusted_safety_manager=True, responsible_engineer=ENGINEER)


@pytest.mark.parametrize(
    ("sme_class", "passes"), [("micro", True), ("small", True), ("medium", False), ("large", False)]
)
def test_the_entrusting_branch_at_the_size_boundary(
    world: World, sme_class: str, passes: bool
) -> None:
    _size(world, sme_class)
    assert _staffing(world)["status"] == "fail"
    contract = _entrusting(world)
    finding = _staffing(world)
    if passes:
        assert finding["status"] == "pass"
        assert finding["evidence"] == [contract["id"]]
        assert ENGINEER["registration_number"] in finding["message"]
        assert finding["due"] == contract["valid_to"]
    else:
        assert finding["status"] == "fail"
        assert contract["id"] not in finding["evidence"]


def test_only_an_entrusting_contract_in_force_counts(world: World) -> None:
    _size(world, "small")
    accepted(world, TRAINING)  # not entrusting
    assert _staffing(world)["status"] == "fail"
    contract = _entrusting(world)
    assert _staffing(world)["status"] == "pass"
    yesterday = contract["accepted_on"]
    from datetime import date

    before = (date.fromisoformat(yesterday) - timedelta(days=1)).isoformat()
    assert _staffing(world, as_of=before)["status"] == "fail"
    act(world, "a_admin", contract["id"], "end", reason="改为自行配备")
    assert _staffing(world)["status"] == "fail"


def test_the_entrusting_branch_never_satisfies_the_first(world: World) -> None:
    response = world.client.patch(
        url(world, "compliance").rsplit("/", 1)[0],
        json={"sme_class": "small", "employee_count": 400},
        headers={**world["a_admin"].headers, "If-Match": "*"},
    )
    assert response.status_code == 200
    _entrusting(world)
    assert _staffing(world)["status"] == "fail"
