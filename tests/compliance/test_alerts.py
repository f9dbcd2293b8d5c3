"""Alerts: what expires or falls due within the window, soonest first, with its rule."""

from __future__ import annotations

from tests.compliance.test_report import _person, _post, _url
from tests.support.world import World


def test_alerts_within_the_window_sorted_by_date(world: World) -> None:
    person = _person(world, 5, hired="2015-01-01")
    _post(
        world,
        "special-operation-certificates",
        {
            "person_id": person,
            "category": "2.1",
            "certificate_number": "T-ALERT-1",
            "issued_on": "2020-07-01",
            "expires_on": "2026-07-01",
        },
    )
    _post(
        world,
        "hidden-dangers",
        {
            "found_on": "2026-05-20",
            "description": "楼梯扶手松动",
            "level": "general",
            "deadline": "2026-06-10",
        },
    )
    response = world.client.get(
        _url(world, "alerts"),
        params={"as_of": "2026-06-01", "within_days": 45},
        headers={**world["a_viewer"].headers, "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.text
    alerts = response.json()["data"]
    kinds = [(a["due"], a["kind"], a["rule_id"]) for a in alerts]
    assert ("2026-06-10", "hidden_danger_deadline", "HJ2014-20.2") in kinds
    assert ("2026-07-01", "certificate_expiry", "HJ2014-18.3") in kinds
    assert ("2026-06-30", "monthly_analysis_due", "HJ2014-23.1") in kinds
    assert [a["due"] for a in alerts] == sorted(a["due"] for a in alerts)
    assert all("2026-06-01" <= a["due"] <= "2026-07-16" for a in alerts)
    assert next(a for a in alerts if a["kind"] == "certificate_expiry")["message"] == (
        "Special-operation certificate expires"
    )
    narrow = world.client.get(
        _url(world, "alerts"),
        params={"as_of": "2026-06-01", "within_days": 5},
        headers=world["a_viewer"].headers,
    ).json()["data"]
    assert all(a["due"] <= "2026-06-06" for a in narrow)
    assert (
        world.client.get(
            _url(world, "alerts"), params={"within_days": 0}, headers=world["a_viewer"].headers
        ).status_code
        == 422
    )
