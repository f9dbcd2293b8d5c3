"""Pack henan-2019 through the API: a stored body's relatively independent functions reach
HN2019-14.1, stored policies and drills reach 29.1 and 49.1, and the catalogue lists the pack's
rules."""

from __future__ import annotations

from typing import Any

from tests.compliance.test_report import _finding, _person, _post, _report, _url
from tests.support.world import World


def _patch(world: World, url: str, change: dict[str, Any], actor: str = "a_editor") -> Any:
    headers = world[actor].headers
    etag = world.client.get(url, headers=headers).headers["etag"]
    patched = world.client.patch(url, json=change, headers={**headers, "If-Match": etag})
    assert patched.status_code == 200, patched.text
    return patched.json()


def test_a_construction_firm_of_200_by_its_body(world: World) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    _patch(
        world,
        enterprise,
        {"employee_count": 200, "high_risk_category": "construction"},
        actor="a_admin",
    )
    for seed in (21, 22, 23):
        _post(
            world,
            "officer-appointments",
            {
                "person_id": _person(world, seed),
                "employment": "full_time",
                "appointed_on": "2020-01-01",
            },
        )
    body = _post(
        world,
        "safety-bodies",
        {
            "form": "established",
            "name": "安全生产管理部",
            "established_on": "2020-01-01",
            "independent_functions": True,
        },
    )
    staffing = _finding(_report(world, as_of="2026-06-01", pack="henan-2019"), "HN2019-14.1")
    assert (staffing["status"], staffing["trace"]["branch"]) == ("pass", "high_risk")
    assert [r["id"] for r in staffing["trace"]["records"]] == [body["id"]]

    body_url = _url(world, f"safety-bodies/{body['id']}")
    for flag, expected in ((None, "unknown"), (False, "fail")):
        _patch(world, body_url, {"independent_functions": flag})
        report = _report(world, as_of="2026-06-01", pack="henan-2019")
        assert _finding(report, "HN2019-14.1")["status"] == expected  # 3 full-time, 4 needed
    assert [p["id"] for p in report["packs"]] == ["henan-2019"]


def test_the_catalogue_lists_the_provinces_rules(world: World) -> None:
    rules = world.client.get(
        "/v1/compliance/packs/henan-2019/rules",
        headers={**world["a_viewer"].headers, "Accept-Language": "en"},
    ).json()["data"]
    assert [r["id"] for r in rules] == [
        "HN2019-14.1",
        "HN2019-14.3",
        "HN2019-16.1",
        "HN2019-17.1",
        "HN2019-18.1",
        "HN2019-23.1",
        "HN2019-23.2",
        "HN2019-24.1",
        "HN2019-29.1",
        "HN2019-35.1",
        "HN2019-49.1",
        "HN2019-50.1",
        "HN2019-OD18",
    ]


def test_stored_policies_and_drills_reach_the_province_rules(world: World) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    _patch(world, enterprise, {"high_risk_category": "hazardous_chemicals"}, actor="a_admin")
    _person(world, 31)
    policy = _post(
        world,
        "insurance-policies",
        {
            "policy_type": "safety_liability",
            "insurer": "中国人民财产保险股份有限公司郑州市分公司",
            "policy_number": "PZBJ2025000001",
            "valid_from": "2025-01-01",
            "valid_to": "2025-12-31",
            "insured_headcount": 1,
            "cover_per_person_yuan": 400000,
            "covers_temporary_and_dispatched": True,
        },
    )
    plans = {
        kind: _post(
            world,
            "emergency-plans",
            {"plan_type": kind, "title": f"{kind}预案", "issued_on": "2024-01-01"},
        )["id"]
        for kind in ("special", "on_site")
    }
    drills = [
        _post(
            world,
            "emergency-drills",
            {"plan_id": plans[kind], "held_on": held, "participants": 12},
        )["id"]
        for kind, held in (("special", "2024-10-01"), ("on_site", "2025-03-01"))
    ]
    report = _report(world, as_of="2025-06-01", pack="henan-2019")
    insurance = _finding(report, "HN2019-29.1")
    assert (insurance["status"], [r["id"] for r in insurance["trace"]["records"]]) == (
        "pass",
        [policy["id"]],
    )
    assert _finding(report, "HN2019-49.1")["status"] == "pass"
    late = _finding(_report(world, as_of="2025-09-02", pack="henan-2019"), "HN2019-49.1")
    assert (late["status"], late["due"]) == ("fail", "2025-09-01")
    assert [r["id"] for r in late["trace"]["records"]] == drills[1:]
