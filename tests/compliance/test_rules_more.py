"""Rules on training, special operations, monthly analyses and major hidden dangers."""

from __future__ import annotations

from typing import Any

from tests.compliance.coverage import covers
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World


def _founded(world: World, day: str) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(enterprise, headers=world["a_admin"].headers).headers["etag"]
    patched = world.client.patch(
        enterprise,
        json={"founded_on": day},
        headers={**world["a_admin"].headers, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text


@covers("HJ2014-24.1", "pass", "fail", "boundary")
def test_annual_training_is_judged_by_the_last_completed_calendar_year(world: World) -> None:
    """HJ2014-24.1: training within calendar year Y counts for Y, judged from 1 January Y+1
    (not a rolling 12 months)."""
    _founded(world, "2015-01-01")  # else the enterprise started on registering, today
    person = _person(world, 3, hired="2020-01-01")
    session = _post(
        world,
        "training-sessions",
        {"kind": "annual", "title": "年度培训", "started_on": "2025-12-31", "hours": "8"},
    )
    _post(
        world,
        "training-attendances",
        {"session_id": session["id"], "person_id": person, "hours": "8", "passed": True},
    )
    # 2025 complete: trained on its last day.
    assert _finding(_report(world, as_of="2026-12-31"), "HJ2014-24.1")["status"] == "pass"
    # 2026 complete: nothing in it (the rolling window would still have seen 2025-12-31).
    late = _finding(_report(world, as_of="2027-01-01"), "HJ2014-24.1")
    assert late["status"] == "fail"
    assert late["evidence"] == [person]
    assert late["due"] == "2026-12-31"


@covers("HJ2014-18.3", "pass", "fail", "boundary")
def test_special_operation_needs_a_reviewed_certificate(world: World) -> None:
    person = _person(world, 4, hired="2015-01-01")
    _post(
        world,
        "operation-assignments",
        {"person_id": person, "category": "1.2", "started_on": "2019-01-01"},
    )
    missing = _finding(_report(world, as_of="2026-06-01"), "HJ2014-18.3")
    assert missing["status"] == "fail"
    _post(
        world,
        "special-operation-certificates",
        {
            "person_id": person,
            "category": "1.2",
            "certificate_number": "T-TEST-1",
            "issued_on": "2022-04-01",
            "expires_on": "2028-04-01",
        },
    )
    reviewed: dict[str, Any] = _finding(_report(world, as_of="2025-04-01"), "HJ2014-18.3")
    assert reviewed["status"] == "pass"
    assert reviewed["due"] == "2025-04-01"  # the 3-yearly review falls due that day
    assert _finding(_report(world, as_of="2025-04-02"), "HJ2014-18.3")["status"] == "fail"


@covers("HJ2014-23.1", "pass", "fail")
@covers("HJ2014-5.1", "pass", "fail", "boundary")
def test_monthly_analyses_and_major_reports(world: World) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(enterprise, headers=world["a_admin"].headers).headers["etag"]
    founded = world.client.patch(
        enterprise,
        json={"founded_on": "2010-05-01"},
        headers={**world["a_admin"].headers, "If-Match": etag},
    )
    assert founded.status_code == 200
    report = _report(world, as_of="2026-06-01")
    analyses = _finding(report, "HJ2014-23.1")
    assert analyses["status"] == "fail"
    assert analyses["evidence"] == ["2026-04", "2026-03", "2026-02"]
    for month in ("2026-02", "2026-03", "2026-04"):
        _post(
            world,
            "risk-analyses",
            {
                "month": month,
                "conducted_on": f"{month}-28",
                "risks_identified": 2,
                "summary": "月度分析",
            },
        )
    assert _finding(_report(world, as_of="2026-06-01"), "HJ2014-23.1")["status"] == "pass"

    _post(
        world,
        "hidden-dangers",
        {"found_on": "2026-05-01", "description": "储罐区静电失效", "level": "major"},
    )
    assert _finding(_report(world, as_of="2026-05-08"), "HJ2014-5.1")["status"] == "pass"
    assert _finding(_report(world, as_of="2026-05-09"), "HJ2014-5.1")["status"] == "fail"
