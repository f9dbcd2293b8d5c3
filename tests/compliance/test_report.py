"""The compliance report through the API: findings, as-of dates, language, query count."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from app.compliance.packs import PACKS
from app.compliance.stack import stack_for
from app.core import clock
from app.core.validators import resident_id_check_character
from tests.support.queries import count_queries
from tests.support.world import World


def _url(world: World, path: str) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/{path}"


def _post(world: World, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = world.client.post(_url(world, path), json=body, headers=world["a_admin"].headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _person(world: World, seed: int, hired: str = "2018-01-01") -> str:
    body17 = f"410108198001{seed % 28 + 1:02d}{seed:03d}"
    number = body17 + resident_id_check_character(body17)
    return str(
        _post(world, "people", {"name": f"员工{seed}", "id_number": number, "hire_date": hired})[
            "id"
        ]
    )


def _report(world: World, **params: str) -> dict[str, Any]:
    response = world.client.get(
        _url(world, "compliance"), params=params, headers=world["a_viewer"].headers
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _finding(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(f for f in report["findings"] if f["rule_id"] == rule_id)


def test_an_empty_enterprise_gets_every_rule_with_a_status(world: World) -> None:
    report = _report(world, as_of="2026-06-01")
    # A Huiji enterprise: every pack of its stack, national first, each rule in order.
    stack = stack_for("410108", date(2026, 6, 1)).packs
    assert [p["id"] for p in report["packs"]] == [p.id for p in stack]
    assert "huiji-2014" in [p["id"] for p in report["packs"]]
    catalogue = [rule.id for pack in stack for rule in pack.rules]
    assert [f["rule_id"] for f in report["findings"]] == catalogue
    district = [rule.id for rule in PACKS["huiji-2014"].rules]
    assert district[:3] == ["HJ2014-5.1", "HJ2014-16.1", "HJ2014-17.1"]  # the articles' order
    staffing = _finding(report, "HJ2014-17.1")
    assert staffing["status"] == "fail"  # 120 employees, nothing recorded: second branch fails
    assert staffing["article"] == "17"
    assert _finding(report, "HJ2014-18.1")["status"] == "unknown"
    assert _finding(report, "HJ2014-20.1")["status"] == "not_applicable"
    assert sum(report["summary"]["by_status"].values()) == len(catalogue)


def test_staffing_threshold_300_versus_301(world: World) -> None:
    person = _person(world, 1)
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
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    for employees, expected in ((300, "pass"), (301, "fail")):
        etag = world.client.get(enterprise, headers=world["a_admin"].headers).headers["etag"]
        patched = world.client.patch(
            enterprise,
            json={"employee_count": employees},
            headers={**world["a_admin"].headers, "If-Match": etag},
        )
        assert patched.status_code == 200
        assert _finding(_report(world, as_of="2026-06-01"), "HJ2014-17.1")["status"] == expected


def test_principal_assessment_and_as_of(world: World) -> None:
    principal = _person(world, 2)
    _post(
        world,
        "leader-appointments",
        {"person_id": principal, "position": "principal", "took_office_on": "2020-03-01"},
    )
    assert _finding(_report(world, as_of="2026-06-01"), "HJ2014-18.1")["status"] == "fail"
    _post(
        world,
        "assessment-certificates",
        {
            "person_id": principal,
            "assessed_role": "principal",
            "certificate_number": "KH-2020-001",
            "passed_on": "2020-02-15",
            "expires_on": "2023-02-14",
        },
    )
    assert _finding(_report(world, as_of="2023-02-14"), "HJ2014-18.1")["status"] == "pass"
    # An expired assessment does not pass (issue 18): the principal must renew it.
    expired = _finding(_report(world, as_of="2026-06-01"), "HJ2014-18.1")
    assert expired["status"] == "fail"
    assert "已过期" in expired["message"]
    _post(
        world,
        "assessment-certificates",
        {
            "person_id": principal,
            "assessed_role": "principal",
            "certificate_number": "KH-2023-001",
            "passed_on": "2023-01-20",
            "expires_on": "2026-01-19",
        },
    )
    renewed = _finding(_report(world, as_of="2025-06-01"), "HJ2014-18.1")
    assert renewed["status"] == "pass"
    assert renewed["due"] == "2026-01-19"
    # Before the principal took office, nobody was recorded in post.
    assert _finding(_report(world, as_of="2020-01-01"), "HJ2014-18.1")["status"] == "unknown"


def test_overdue_hidden_danger_has_a_due_date(world: World) -> None:
    _post(
        world,
        "hidden-dangers",
        {
            "found_on": "2026-01-10",
            "description": "消防通道堵塞",
            "level": "general",
            "deadline": "2026-02-01",
        },
    )
    before = _finding(_report(world, as_of="2026-02-01"), "HJ2014-20.2")
    assert before["status"] == "pass"
    assert before["due"] == "2026-02-01"
    after = _finding(_report(world, as_of="2026-02-02"), "HJ2014-20.2")
    assert after["status"] == "fail"
    assert after["due"] == "2026-02-01"
    assert len(after["evidence"]) == 1


def test_language_follows_accept_language(world: World) -> None:
    url = _url(world, "compliance")
    zh = world.client.get(url, headers=world["a_viewer"].headers).json()
    en = world.client.get(
        url, headers={**world["a_viewer"].headers, "Accept-Language": "en-US,en;q=0.9,zh;q=0.5"}
    ).json()
    assert zh["language"] == "zh"
    assert en["language"] == "en"
    assert _finding(zh, "HJ2014-17.1")["title"] == "安全生产管理机构和人员"
    assert _finding(en, "HJ2014-17.1")["title"] == "Safety body and staff"
    assert _finding(zh, "HJ2014-17.1")["status"] == _finding(en, "HJ2014-17.1")["status"]


def test_query_count_does_not_grow_with_the_enterprise(world: World, engine: Engine) -> None:
    def count() -> int:
        return count_queries(engine, lambda: _report(world, as_of="2026-06-01"))

    _person(world, 9)
    small = count()  # with one person: the selectin loads of their children run too
    for seed in range(10, 40):
        _person(world, seed)
    assert count() == small


def test_catalogue(world: World) -> None:
    packs = world.client.get("/v1/compliance/packs", headers=world["bank_admin"].headers).json()
    # In the order of their jurisdictions (province before district); other packs may join.
    ids = [p["id"] for p in packs["data"]]
    assert ids.index("henan-2019") < ids.index("huiji-2014")
    by_id = {p["id"]: p for p in packs["data"]}
    assert {"prc-2021", "huiji-2014"} <= set(by_id)  # every package exporting a PACK
    assert (by_id["prc-2021"]["jurisdiction"], by_id["prc-2021"]["effective_from"]) == (
        "100000",
        "2021-09-01",
    )
    rules = world.client.get(
        "/v1/compliance/packs/huiji-2014/rules",
        headers={**world["a_viewer"].headers, "Accept-Language": "en"},
    ).json()["data"]
    assert rules[0]["id"] == "HJ2014-5.1"
    assert rules[0]["remediation"]
    missing = world.client.get("/v1/compliance/packs/nope/rules", headers=world["a_viewer"].headers)
    assert missing.status_code == 404


def test_snapshots_keep_reports_to_show_progress(world: World) -> None:
    base = _url(world, "compliance/snapshots")
    first = world.client.post(base, json={"as_of": "2026-06-01"}, headers=world["a_editor"].headers)
    assert first.status_code == 201, first.text
    assert first.json()["summary"]["by_status"]["fail"] >= 1
    assert world.client.post(base, json={}, headers=world["a_viewer"].headers).status_code == 403
    world.client.post(base, json={"as_of": "2026-07-01"}, headers=world["a_editor"].headers)
    listed = world.client.get(base, headers=world["district_admin"].headers).json()["data"]
    assert [s["as_of"] for s in listed] == ["2026-06-01", "2026-07-01"]
    assert all(s["findings"] is None for s in listed)
    one = world.client.get(
        first.headers["location"], headers={**world["a_viewer"].headers, "Accept-Language": "en"}
    ).json()
    titles = {f["rule_id"]: f["title"] for f in one["findings"]}
    assert titles["HJ2014-17.1"] == "Safety body and staff"
    outsider = world.client.get(first.headers["location"], headers=world["b_admin"].headers)
    assert outsider.status_code == 404


def test_a_snapshot_needs_no_body(world: World) -> None:
    """Every field of a snapshot request has a default: no body at all is today's report of
    the default pack, like `{}`."""
    base = _url(world, "compliance/snapshots")
    bare = world.client.post(base, headers=world["a_editor"].headers)
    assert bare.status_code == 201, bare.text
    empty = world.client.post(base, json={}, headers=world["a_editor"].headers)
    assert empty.status_code == 201, empty.text
    assert bare.json()["as_of"] == empty.json()["as_of"] == clock.today().isoformat()
    assert bare.json()["packs"] == empty.json()["packs"]
    assert "huiji-2014" in [p["id"] for p in bare.json()["packs"]]
