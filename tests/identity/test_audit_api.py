"""`GET /v1/audit-events`: who reads which part of the trail, the filters, and the chains."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select

from app.core.audit_chain import GENESIS_HASH, AuditEvent
from tests.support.world import World


def events(world: World, actor: str, **params: Any) -> list[dict[str, Any]]:
    """Every event `actor` may read (all pages)."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 100, **params, **({"cursor": cursor} if cursor else {})}
        response = world.client.get("/v1/audit-events", params=query, headers=world[actor].headers)
        assert response.status_code == 200, response.text
        found.extend(response.json()["data"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return found


def subjects(found: list[dict[str, Any]]) -> set[str | None]:
    return {event["subject_organization_id"] for event in found}


def test_the_platform_reads_the_whole_trail(world: World, engine: Engine) -> None:
    found = events(world, "platform")
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(AuditEvent))
    assert len(found) == stored
    assert len({event["id"] for event in found}) == len(found)
    ids = world.ids
    expected = {
        ids[key] for key in ("district", "town", "bank", "firm", "enterprise_a", "enterprise_b")
    }
    assert expected <= subjects(found)
    actions = {event["action"] for event in found}
    assert {
        "platform.bootstrap",
        "organization.create",
        "enterprise.signup",
        "auth.login",
    } <= actions


def test_a_district_regulator_reads_its_own_and_its_enterprises_events(world: World) -> None:
    found = events(world, "district_admin")
    ids = world.ids
    assert subjects(found) == {ids["district"], ids["enterprise_a"], ids["enterprise_b"]}
    signed_up = {e["resource_id"] for e in found if e["action"] == "enterprise.signup"}
    assert signed_up == {ids["enterprise_a"], ids["enterprise_b"]}


def test_a_town_regulator_reads_only_the_enterprises_in_its_town(world: World) -> None:
    found = events(world, "town_admin")
    ids = world.ids
    assert subjects(found) == {ids["town"], ids["enterprise_b"]}
    assert events(world, "town_admin", subject_organization_id=ids["enterprise_a"]) == []
    assert events(world, "town_admin", resource_id=ids["enterprise_a"]) == []


@pytest.mark.parametrize(
    ("actor", "own"),
    [
        ("a_admin", "enterprise_a"),
        ("b_admin", "enterprise_b"),
        ("bank_admin", "bank"),
        ("firm_admin", "firm"),
    ],
)
def test_an_organization_admin_reads_only_its_organization(
    world: World, actor: str, own: str
) -> None:
    found = events(world, actor)
    assert found
    assert subjects(found) == {world.ids[own]}
    assert all(event["chain_id"] == world.ids[own] for event in found)
    # Asking for another organization's events by name returns nothing, not an error.
    other = world.ids["enterprise_b" if own == "enterprise_a" else "enterprise_a"]
    assert events(world, actor, subject_organization_id=other) == []
    assert events(world, actor, resource_id=other) == []


@pytest.mark.parametrize(
    "actor", ["a_viewer", "a_editor", "district_viewer", "district_approver", "bank_client"]
)
def test_readers_without_audit_read_are_refused(world: World, actor: str) -> None:
    response = world.client.get("/v1/audit-events", headers=world[actor].headers)
    assert response.status_code == 403
    assert response.json()["code"] == "missing_capability"
    assert "audit:read" in response.json()["detail"]


def test_the_trail_needs_a_token(world: World) -> None:
    response = world.client.get("/v1/audit-events")
    assert response.status_code == 401


def test_filters(world: World) -> None:
    ids = world.ids
    signups = events(world, "platform", action="enterprise.signup")
    assert {event["resource_id"] for event in signups} == {ids["enterprise_a"], ids["enterprise_b"]}
    assert all(event["resource_type"] == "enterprise" for event in signups)

    about_a = events(world, "platform", resource_id=ids["enterprise_a"])
    assert about_a
    assert {event["resource_id"] for event in about_a} == {ids["enterprise_a"]}

    of_b = events(world, "district_admin", subject_organization_id=ids["enterprise_b"])
    assert of_b
    assert subjects(of_b) == {ids["enterprise_b"]}
    # The district's filter on B returns what the platform's does: nothing hidden, nothing extra.
    assert [e["id"] for e in of_b] == [
        e["id"] for e in events(world, "platform", subject_organization_id=ids["enterprise_b"])
    ]

    editor = world["a_editor"]
    logins = events(world, "a_admin", action="auth.login", actor_id=editor.user_id)
    assert len(logins) == 1
    assert logins[0]["resource_id"] == editor.user_id

    assert events(world, "platform", action="no.such.action") == []
    assert (
        events(world, "a_admin", resource_type="enterprise", action="enterprise.signup")[0][
            "changes"
        ]["admin_email"]
        == "a_admin@example.com"
    )


def test_time_filters_take_aware_instants(world: World) -> None:
    a = world.ids["enterprise_a"]
    headers = world["a_editor"].headers
    before_update = datetime.now(UTC)
    etag = world.client.get(f"/v1/enterprises/{a}", headers=headers).headers["ETag"]
    updated = world.client.patch(
        f"/v1/enterprises/{a}",
        json={"address": "新城路2号"},
        headers={**headers, "If-Match": etag},
    )
    assert updated.status_code == 200
    # The same instant, written in Beijing time.
    in_beijing = before_update.astimezone(ZoneInfo("Asia/Shanghai")).isoformat()
    after = events(world, "platform", occurred_after=in_beijing)
    assert [event["action"] for event in after] == ["enterprise.update"]
    assert after[0]["resource_id"] == a
    earlier = events(world, "platform", occurred_before=in_beijing)
    assert "enterprise.update" not in {event["action"] for event in earlier}
    assert len(earlier) + len(after) == len(events(world, "platform"))
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert events(world, "platform", occurred_after=future) == []

    for name in ("occurred_after", "occurred_before"):
        naive = world.client.get(
            "/v1/audit-events",
            params={name: "2026-01-01T08:00:00"},
            headers=world["platform"].headers,
        )
        assert naive.status_code == 422
        assert naive.json()["code"] == "validation_failed"
        assert naive.json()["errors"][0]["field"] == f"query.{name}"
    garbage = world.client.get(
        "/v1/audit-events",
        params={"occurred_after": "yesterday"},
        headers=world["platform"].headers,
    )
    assert garbage.status_code == 422


def test_pages_do_not_leak_or_repeat(world: World) -> None:
    everything = events(world, "district_admin")
    paged: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = world.client.get(
            "/v1/audit-events", params=params, headers=world["district_admin"].headers
        ).json()
        assert len(page["data"]) <= 3
        paged.extend(event["id"] for event in page["data"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == [event["id"] for event in everything]
    assert len(set(paged)) == len(paged)


def test_each_chain_links_consecutive_events(world: World) -> None:
    a = world.ids["enterprise_a"]
    headers = world["a_editor"].headers
    etag = world.client.get(f"/v1/enterprises/{a}", headers=headers).headers["ETag"]
    world.client.patch(
        f"/v1/enterprises/{a}", json={"employee_count": 7}, headers={**headers, "If-Match": etag}
    )
    world.client.post(f"/v1/enterprises/{a}/verify", headers=world["district_admin"].headers)

    chains: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events(world, "platform"):
        chains[event["chain_id"]].append(event)
    assert {a, world.ids["district"], world.ids["bank"]} <= chains.keys()
    for chain_id, chain in chains.items():
        chain.sort(key=lambda event: event["seq"])
        assert [event["seq"] for event in chain] == list(range(1, len(chain) + 1)), chain_id
        assert chain[0]["prev_hash"] == GENESIS_HASH
        for previous, event in pairwise(chain):
            assert event["prev_hash"] == previous["hash"], (chain_id, event["seq"])
        assert len({event["hash"] for event in chain}) == len(chain)

    chain_a = chains[a]
    assert chain_a[0]["action"] == "enterprise.signup"
    assert chain_a[-1]["action"] == "enterprise.verify"
    assert chain_a[-2]["action"] == "enterprise.update"
    # The enterprise's admin reads the same chain, links and all.
    own = sorted(events(world, "a_admin"), key=lambda event: event["seq"])
    assert [(e["seq"], e["hash"]) for e in own] == [(e["seq"], e["hash"]) for e in chain_a]
