"""Helpers for watchlist tests: a second institution, clients with watchlist scopes, lists
and members made through the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from app.watchlists.models import Watchlist, WatchlistMember
from tests.support.world import Actor, World, add_client, add_member, credit_code

WATCHLISTS = "/v1/watchlists"
SCOPES = ["watchlists:read", "watchlists:write"]


def second_institution(world: World) -> str:
    """Another bank, with an admin (`bank2_admin`) and a client (`bank2_client`)."""
    response = world.client.post(
        "/v1/organizations",
        json={"kind": "institution", "name": "建设银行惠济支行"},
        headers=world["platform"].headers,
    )
    assert response.status_code == 201, response.text
    organization_id = str(response.json()["id"])
    world.ids["bank2"] = organization_id
    add_member(world, "bank2_admin", organization_id, "admin", world["platform"])
    add_client(world, "bank2_client", organization_id, "bank2_admin", SCOPES)
    return organization_id


def watcher_client(world: World) -> Actor:
    """The world's bank, integrated as a client with both watchlist scopes."""
    return add_client(world, "bank_watcher", world.ids["bank"], "bank_admin", SCOPES)


def create(world: World, actor: str = "bank_admin", **body: Any) -> dict[str, Any]:
    response = world.client.post(
        WATCHLISTS, json={"name": "对公贷款客户", **body}, headers=world[actor].headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def add(
    world: World, watchlist_id: str, members: list[dict[str, Any]], actor: str = "bank_admin"
) -> Any:
    return world.client.post(
        f"{WATCHLISTS}/{watchlist_id}/members",
        json={"members": members},
        headers=world[actor].headers,
    )


def codes(count: int, start: int = 1000) -> list[str]:
    return [credit_code(seed) for seed in range(start, start + count)]


def stored_members(engine: Engine, watchlist_id: str) -> dict[str, str | None]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(WatchlistMember.credit_code, WatchlistMember.reference).where(
                WatchlistMember.watchlist_id == watchlist_id
            )
        )
        return dict(rows.all())


def stored_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(WatchlistMember)) or 0)


def stored_list(engine: Engine, watchlist_id: str) -> Any:
    with engine.connect() as connection:
        return connection.execute(select(Watchlist).where(Watchlist.id == watchlist_id)).one()


def audit_events(world: World, watchlist_id: str, actor: str = "bank_admin") -> list[Any]:
    response = world.client.get(
        "/v1/audit-events", params={"resource_id": watchlist_id}, headers=world[actor].headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["data"])
