"""What-if (issue 20 item 4): the same records judged on two dates, only what changes."""

from __future__ import annotations

from typing import Any

from tests.compliance.test_overview import _verify
from tests.compliance.test_report import _person, _post, _url
from tests.support.world import World


def _what_if(world: World, actor: str = "a_viewer", **params: str) -> Any:
    return world.client.get(
        _url(world, "compliance/what-if"), params=params, headers=world[actor].headers
    )


def test_mem_order_19_shows_as_the_special_operation_values_changing(world: World) -> None:
    response = _what_if(world, **{"from": "2026-05-31", "as_of": "2026-06-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["from"], body["as_of"]) == ("2026-05-31", "2026-06-01")
    catalogue = next(v for v in body["values"] if v["parameter"] == "special-operations.catalogue")
    assert catalogue["before"]["effective_to"] == "2026-05-31"
    assert catalogue["after"]["effective_from"] == "2026-06-01"
    assert catalogue["after"]["provisional"] is True  # order 19's text was not seen


def test_gbz_188_2025_shows_on_its_day(world: World) -> None:
    body = _what_if(world, **{"from": "2026-07-31", "as_of": "2026-08-01"}).json()
    edition = next(v for v in body["values"] if v["parameter"] == "gbz188.edition")
    assert edition["before"]["value"] != edition["after"]["value"]


def test_a_layer_starting_brings_its_rules(world: World) -> None:
    body = _what_if(world, **{"from": "2021-08-31", "as_of": "2021-09-01"}).json()
    assert "prc-2021" not in [p["id"] for p in body["packs_before"]]
    assert "prc-2021" in [p["id"] for p in body["packs_after"]]
    new = [f for f in body["findings"] if f["change"] == "new_rule"]
    assert new
    assert {f["pack"] for f in new} == {"prc-2021"}
    assert all(f["before"] is None and f["after"] is not None for f in new)


def test_a_certificate_lapsing_in_between_is_a_new_failure_with_its_due_date(
    world: World,
) -> None:
    principal = _person(world, 5)
    _post(
        world,
        "leader-appointments",
        {"person_id": principal, "position": "principal", "took_office_on": "2024-03-01"},
    )
    _post(
        world,
        "assessment-certificates",
        {
            "person_id": principal,
            "assessed_role": "principal",
            "certificate_number": "KH-2024-009",
            "passed_on": "2024-02-01",
            "expires_on": "2026-07-01",
        },
    )
    body = _what_if(world, **{"from": "2026-06-01", "as_of": "2026-07-15"}).json()
    changed = {f["rule_id"]: f for f in body["findings"]}
    assert changed["HJ2014-18.1"]["change"] == "new_failure"
    assert (changed["HJ2014-18.1"]["before"], changed["HJ2014-18.1"]["after"]) == ("pass", "fail")
    assert changed["HJ2014-18.1"]["due_before"] == "2026-07-01"
    assert body["newly_failing_by_severity"].get("critical", 0) >= 1
    assert "assessment" in [d["key"] for d in body["duties"]]
    # Nothing changes between a day and itself.
    same = _what_if(world, **{"from": "2026-06-01", "as_of": "2026-06-01"}).json()
    assert (same["findings"], same["duties"], same["values"]) == ([], [], [])


def test_what_if_runs_forward_and_stays_in_its_tenant(world: World) -> None:
    backwards = _what_if(world, **{"from": "2026-06-01", "as_of": "2026-05-01"})
    assert backwards.status_code == 422
    assert backwards.headers["content-type"] == "application/problem+json"
    assert backwards.json()["code"] == "what_if_backwards"
    # No date named: the next day the law changes.
    named = _what_if(world, **{"from": "2026-05-31"}).json()
    assert named["as_of"] == "2026-06-01"
    assert named["values"]
    outsider = _what_if(world, actor="b_admin", as_of="2026-06-01")
    assert outsider.status_code == 404
    unknown = _what_if(world, as_of="2026-06-01", pack="nope-2030")
    assert unknown.status_code == 404


def _region_what_if(world: World, actor: str = "district_admin", **params: str) -> Any:
    return world.client.get(
        "/v1/regions/410108/compliance-what-if", params=params, headers=world[actor].headers
    )


def test_a_regulator_sees_a_layer_starting_across_its_region(world: World) -> None:
    _verify(world, "a", "b")
    response = _region_what_if(world, **{"from": "2021-08-31", "as_of": "2021-09-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["region_code"], body["from"], body["enterprises"]) == ("410108", "2021-08-31", 2)
    assert sum(move["enterprises"] for move in body["standings"]) == 2
    # National law starts: its staffing rule newly fails both (nothing is recorded).
    rules = {r["rule_id"]: r for r in body["rules"]}
    assert rules["PRC2021-24.1"]["newly_failing"] == 2
    assert rules["PRC2021-24.1"]["pack"] == "prc-2021"
    order_19 = _region_what_if(world, **{"from": "2026-05-31", "as_of": "2026-06-01"}).json()
    assert "special-operations.catalogue" in [v["parameter"] for v in order_19["values"]]


def test_a_region_what_if_is_for_its_regulators_and_runs_forward(world: World) -> None:
    assert _region_what_if(world, "a_admin", as_of="2026-06-01").status_code == 403
    assert _region_what_if(world, "town_admin", as_of="2026-06-01").status_code == 403
    backwards = _region_what_if(world, **{"from": "2026-06-01", "as_of": "2026-01-01"})
    assert (backwards.status_code, backwards.json()["code"]) == (422, "what_if_backwards")
