"""Helpers of the contract tests: proposing and accepting through the API, a second firm,
records of a client, tokens issued under a moved clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from app.core import clock
from app.core.validators import resident_id_check_character
from tests.support.world import Actor, World, add_member, password_token

TRAINING = ["training-sessions", "training-attendances"]
SESSION = {
    "ended_on": "2025-03-11",
    "hours": 16,
    "kind": "annual",
    "provider": "郑州市安全生产培训中心",
    "started_on": "2025-03-10",
    "title": "2025年度全员安全生产再培训",
}
ENGINEER = {"name": "李静", "registration_number": "ZAQ20190012345"}


def today() -> date:
    return clock.today()


def noon(day: date) -> clock.FixedClock:
    """A clock standing at noon of `day` in Asia/Shanghai."""
    return clock.FixedClock(datetime.combine(day, time(12), tzinfo=clock.BUSINESS_TZ))


def propose(
    world: World,
    scope: list[str],
    *,
    firm: str = "firm_admin",
    enterprise: str = "enterprise_a",
    valid_from: date | None = None,
    valid_to: date | None = None,
    **extra: Any,
) -> dict[str, Any]:
    start = valid_from or today()
    body = {
        "enterprise_id": world.ids[enterprise],
        "scope": scope,
        "valid_from": start.isoformat(),
        "valid_to": (valid_to or start + timedelta(days=365)).isoformat(),
        **extra,
    }
    firm_id = world[firm].organization_id
    response = world.client.post(
        f"/v1/service-firms/{firm_id}/contracts", json=body, headers=world[firm].headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def act(world: World, actor: str, contract_id: str, action: str, **body: Any) -> Any:
    return world.client.post(
        f"/v1/contracts/{contract_id}/{action}", json=body, headers=world[actor].headers
    )


def verify(world: World, enterprise: str = "enterprise_a") -> None:
    """The district verifies the enterprise's sign-up: only then may it accept a contract."""
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/verify", headers=world["district_admin"].headers
    )
    assert response.status_code == 200, response.text


def accepted(world: World, scope: list[str], **kwargs: Any) -> dict[str, Any]:
    contract = propose(world, scope, **kwargs)
    if contract["enterprise_verification"] != "verified":
        verify(world, kwargs.get("enterprise", "enterprise_a"))
    admin = "b_admin" if kwargs.get("enterprise") == "enterprise_b" else "a_admin"
    response = act(world, admin, contract["id"], "accept")
    assert response.status_code == 200, response.text
    return dict(response.json())


def second_firm(world: World) -> Actor:
    created = world.client.post(
        "/v1/organizations",
        json={"kind": "service_firm", "name": "中原安评"},
        headers=world["platform"].headers,
    )
    assert created.status_code == 201, created.text
    world.ids["firm2"] = created.json()["id"]
    return add_member(world, "firm2_admin", world.ids["firm2"], "admin", world["platform"])


def fresh_token(world: World, name: str) -> dict[str, str]:
    """A token issued now (under whatever clock stands): tokens are short-lived."""
    return {"Authorization": f"Bearer {password_token(world.client, str(world[name].email))}"}


def person_body(seed: int) -> dict[str, Any]:
    body17 = f"410108198001{seed % 28 + 1:02d}{seed:03d}"
    return {
        "name": f"员工{seed}",
        "id_number": body17 + resident_id_check_character(body17),
        "hire_date": "2018-01-01",
    }


def url(world: World, path: str, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/{path}"
