"""The regulators' overview of a region and its drill-down, computed in bulk."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from tests.compliance.test_report import _person, _post
from tests.support.queries import count_queries
from tests.support.world import World, signup

DISTRICT = "/v1/regions/410108"


def _verify(world: World, *keys: str) -> None:
    for key in keys:
        verified = world.client.post(
            f"/v1/enterprises/{world.ids[f'enterprise_{key}']}/verify",
            headers=world["district_admin"].headers,
        )
        assert verified.status_code == 200, verified.text


def _get(world: World, path: str, actor: str = "district_admin", **params: Any) -> Any:
    response = world.client.get(path, params=params, headers=world[actor].headers)
    assert response.status_code == 200, response.text
    return response.json()


def _staff_enterprise_a(world: World) -> None:
    person = _person(world, 21)
    _post(
        world,
        "safety-bodies",
        {"form": "designated", "name": "安全科", "established_on": "2019-01-01"},
    )
    _post(
        world,
        "officer-appointments",
        {
            "person_id": person,
            "duty": "safety_officer",
            "employment": "part_time",
            "appointed_on": "2019-01-01",
        },
    )


def test_overview_counts_the_verified_enterprises_of_the_subtree(world: World) -> None:
    _verify(world, "a", "b")
    signup(world.client, "郑州丙未核实有限公司", "410108002", 3, "c_admin@example.com")
    report = _get(world, f"{DISTRICT}/compliance-overview", as_of="2026-06-01")
    assert report["region_code"] == "410108"
    assert report["enterprises"] == 2  # the unverified sign-up is not counted
    assert sum(report["by_status"].values()) == 2
    assert report["by_status"]["fail"] == 2  # neither has a safety body
    staffing = next(r for r in report["by_rule"] if r["rule_id"] == "HJ2014-17.1")
    assert staffing["failing"] == 2
    assert staffing["article"] == "17"
    towns = {r["region_code"]: r for r in report["by_region"]}
    assert set(towns) == {"410108001", "410108100"}
    assert towns["410108100"]["name"] == "花园口镇"
    assert towns["410108001"]["enterprises"] == 1
    assert [i["section"] for i in report["by_industry"]] == ["C"]
    assert report["by_industry"][0]["name"] == "制造业"


def test_a_town_sees_its_own_enterprises_only(world: World) -> None:
    _verify(world, "a", "b")
    town = _get(world, "/v1/regions/410108100/compliance-overview", "town_admin")
    assert town["enterprises"] == 1
    listed = _get(world, "/v1/regions/410108100/enterprises", "town_admin")
    assert [e["enterprise_id"] for e in listed["data"]] == [world.ids["enterprise_b"]]


def test_who_may_watch_a_region(world: World) -> None:
    for actor, path, status in (
        ("town_admin", f"{DISTRICT}/compliance-overview", 403),  # above its region
        ("a_admin", f"{DISTRICT}/compliance-overview", 403),
        ("bank_admin", f"{DISTRICT}/enterprises", 403),
        ("firm_admin", f"{DISTRICT}/enterprises", 403),
        ("district_admin", "/v1/regions/410199/compliance-overview", 404),
    ):
        response = world.client.get(path, headers=world[actor].headers)
        assert response.status_code == status, (actor, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert world.client.get(f"{DISTRICT}/compliance-overview").status_code == 401


def test_drill_down_to_the_enterprises_failing_a_rule(world: World) -> None:
    _verify(world, "a", "b")
    _staff_enterprise_a(world)
    failing = _get(world, f"{DISTRICT}/enterprises", failing_rule="HJ2014-17.1", as_of="2026-06-01")
    assert [e["enterprise_id"] for e in failing["data"]] == [world.ids["enterprise_b"]]
    entry = failing["data"][0]
    assert entry["status"] == "fail"
    assert "HJ2014-17.1" in entry["failing_rules"]
    assert entry["credit_code"]
    assert entry["name"] == "郑州乙化工有限公司"
    # The overview agrees with the drill-down.
    report = _get(world, f"{DISTRICT}/compliance-overview", as_of="2026-06-01")
    staffing = next(r for r in report["by_rule"] if r["rule_id"] == "HJ2014-17.1")
    assert staffing["failing"] == 1


def test_drill_down_pages_and_refuses_unknown_rules(world: World) -> None:
    _verify(world, "a", "b")
    first = _get(world, f"{DISTRICT}/enterprises", limit=1, status="fail")
    assert len(first["data"]) == 1
    assert first["next_cursor"]
    second = _get(
        world, f"{DISTRICT}/enterprises", limit=1, status="fail", cursor=first["next_cursor"]
    )
    assert len(second["data"]) == 1
    assert second["next_cursor"] is None
    assert {first["data"][0]["enterprise_id"], second["data"][0]["enterprise_id"]} == {
        world.ids["enterprise_a"],
        world.ids["enterprise_b"],
    }
    headers = world["district_admin"].headers
    unknown = world.client.get(f"{DISTRICT}/enterprises?failing_rule=HJ2014-99.9", headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_rule"
    bad_cursor = world.client.get(f"{DISTRICT}/enterprises?cursor=nonsense", headers=headers)
    assert bad_cursor.status_code == 422
    assert (
        world.client.get(f"{DISTRICT}/enterprises?status=maybe", headers=headers).status_code == 422
    )


def test_overview_queries_do_not_grow_with_the_enterprises(world: World, engine: Engine) -> None:
    def count() -> int:
        return count_queries(
            engine, lambda: _get(world, f"{DISTRICT}/compliance-overview", as_of="2026-06-01")
        )

    _verify(world, "a", "b")
    _person(world, 30)
    two = count()
    for seed in range(4, 9):
        created = signup(
            world.client, f"郑州{seed}号有限公司", "410108002", seed, f"e{seed}@example.com"
        )
        world.ids[f"enterprise_{seed}"] = str(created["id"])
        _verify(world, str(seed))
    assert count() == two
