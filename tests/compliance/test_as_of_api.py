"""As of D through the API, on the lane's database: the report as of D is the same before and
after facts dated after D are stored (new records, and later events on earlier ones: a
leave, an appointment's end, a review, a fix and its verification, a report, a filing, a
publication, a job change …), while a report on a later date does see them.

Each seed draws D and the dates around it; `ANXIN_ASOF_API_SEEDS` (default 3) sets how many
seeds run (see docs/compliance.md, "As of D")."""

from __future__ import annotations

import os
import random
from datetime import date, timedelta
from typing import Any

import pytest

from app.core import clock
from app.core.validators import resident_id_check_character
from tests.compliance.test_report import _post, _report, _url
from tests.support.world import World

SEEDS = range(int(os.environ.get("ANXIN_ASOF_API_SEEDS", "3")))


def _patch(world: World, path: str, record_id: str, body: dict[str, Any]) -> None:
    url = _url(world, f"{path}/{record_id}")
    headers = world["a_admin"].headers
    etag = world.client.get(url, headers=headers).headers["etag"]
    response = world.client.patch(url, json=body, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.text


def _act(world: World, path: str, body: dict[str, Any] | None = None) -> None:
    url = _url(world, path)
    response = world.client.post(url, json=body or {}, headers=world["a_admin"].headers)
    assert response.status_code == 200, response.text


def _findings(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (f["rule_id"], f["status"], f["message"], f["evidence"], f["due"])
        for f in report["findings"]
    ]


class _Dates:
    def __init__(self, rng: random.Random, day: date, today: date) -> None:
        self.rng, self.day, self.today = rng, day, today

    def before(self, most: int = 900, least: int = 1) -> str:
        return str(self.day - timedelta(days=self.rng.randint(least, most)))

    def after(self) -> str:
        return str(self.day + timedelta(days=self.rng.randint(1, (self.today - self.day).days)))


def _person(world: World, seed: int, hired: str, **more: Any) -> str:
    body17 = f"410108198001{seed % 28 + 1:02d}{seed:03d}"
    number = body17 + resident_id_check_character(body17)
    body = {"name": f"员工{seed}", "id_number": number, "hire_date": hired, **more}
    return str(_post(world, "people", body)["id"])


@pytest.mark.parametrize("seed", SEEDS)
def test_facts_dated_after_d_stored_later_do_not_change_the_report_as_of_d(
    world: World, seed: int
) -> None:
    rng = random.Random(seed)
    today = clock.today()
    day = today - timedelta(days=rng.randint(200, 900))
    when = _Dates(rng, day, today)
    # What had happened by D.
    principal = _person(world, 1, when.before(3000, 1200), department="一车间")
    officer = _person(world, 2, when.before(3000, 1200), department="二车间")
    noise = {"factor": "noise", "level": "87 dB(A)", "started_on": when.before(900, 600)}
    worker = _person(world, 3, when.before(3000, 1200), exposures=[noise])
    _post(world, "leader-appointments", {
        "person_id": principal, "position": "principal", "took_office_on": when.before(1000),
    })  # fmt: skip
    body = _post(world, "safety-bodies", {
        "form": "established", "name": "安全科", "established_on": when.before(1000),
    })["id"]  # fmt: skip
    appointment = _post(world, "officer-appointments", {
        "person_id": officer, "employment": "full_time", "appointed_on": when.before(1000),
    })["id"]  # fmt: skip
    _post(world, "operation-assignments", {
        "person_id": worker, "category": "1.2", "started_on": when.before(1000),
    })  # fmt: skip
    issued = day - timedelta(days=rng.randint(1100, 1500))  # its review fell due before D
    certificate = _post(world, "special-operation-certificates", {
        "person_id": worker, "category": "1.2", "certificate_number": f"T-{seed}",
        "issued_on": str(issued), "expires_on": str(issued + timedelta(days=2190)),
    })["id"]  # fmt: skip
    found = when.before(60, 20)
    general = _post(world, "hidden-dangers", {
        "found_on": found, "description": "护栏缺失", "level": "general", "measures": "加装",
        "responsible_person_id": officer, "funds": "500", "deadline": when.before(10, 1),
        "contingency_plan": "警示",
    })["id"]  # fmt: skip
    _act(world, f"hidden-dangers/{general}/start")
    # Another, overdue on D too, after the first: the evidence keeps its order when the
    # first is fixed later (an update that can move its row in PostgreSQL's heap).
    _post(world, "hidden-dangers", {
        "found_on": found, "description": "通道堵塞", "level": "general",
        "deadline": when.before(10, 1),
    })  # fmt: skip
    major = _post(world, "hidden-dangers", {
        "found_on": when.before(30, 10), "description": "储罐泄漏", "level": "major",
    })["id"]  # fmt: skip
    source = _post(world, "major-hazard-sources", {
        "name": "罐区", "grade": 3, "identified_on": when.before(400),
    })["id"]  # fmt: skip
    commitment = None
    if day >= date(day.year, 2, 15):
        commitment = _post(world, "safety-commitments", {
            "year": day.year, "items": ["安全生产承诺"], "signed_by_person_id": principal,
            "signed_on": str(date(day.year, 1, 10)),
        })["id"]  # fmt: skip
    checked = [day, day - timedelta(days=1)]
    before = [_findings(_report(world, as_of=str(d))) for d in checked]
    on_today = _findings(_report(world, as_of=str(today)))

    # Facts dated after D, stored now.
    _person(world, 4, when.after())
    ended, left = sorted((when.after(), when.after()))
    _patch(world, "people", officer, {"leave_date": left})
    _patch(world, "people", worker, {
        "exposures": [
            noise,
            {"factor": "dust", "level": None, "started_on": when.after()},
        ],
        "job_changes": [{"changed_on": when.after(), "department": "三车间"}],
    })  # fmt: skip
    _patch(world, "safety-bodies", body, {"ended_on": when.after()})
    _patch(world, "officer-appointments", appointment, {"ended_on": ended})
    _post(world, "assessment-certificates", {
        "person_id": principal, "assessed_role": "principal", "certificate_number": f"KH-{seed}",
        "passed_on": when.after(),
    })  # fmt: skip
    _patch(world, "special-operation-certificates", certificate, {"last_review_on": when.after()})
    fixed = when.after()
    _act(world, f"hidden-dangers/{general}/fix", {"fixed_on": fixed})
    _act(world, f"hidden-dangers/{general}/verify", {
        "verified_on": fixed, "external_verifier": "专家",
    })  # fmt: skip
    _act(world, f"hidden-dangers/{major}/report")  # reported now, after D
    _patch(world, "major-hazard-sources", source, {
        "filed_on": when.after(), "filing_number": f"BA-{seed}",
    })  # fmt: skip
    if commitment is not None:
        _act(world, f"safety-commitments/{commitment}/publish")  # published today
    session = _post(world, "training-sessions", {
        "kind": "annual", "title": "年度培训", "started_on": when.before(3, 1),
        "ended_on": when.after(), "hours": "20",
    })["id"]  # fmt: skip
    for person in (principal, worker):
        _post(world, "training-attendances", {
            "session_id": session, "person_id": person, "hours": "20", "passed": True,
        })  # fmt: skip
    _post(world, "health-exams", {
        "person_id": worker, "kind": "periodic", "examined_on": when.after(), "factors": ["noise"],
        "conclusion": "normal",
    })  # fmt: skip
    _post(world, "hazard-declarations", {
        "declared_on": when.after(), "factors": ["noise"], "exposed_headcount": 1,
    })  # fmt: skip
    standardized = date.fromisoformat(when.after())
    _post(world, "standardization-certificates", {
        "grade": 3, "certificate_number": f"BZH-{seed}", "issued_on": str(standardized),
        "expires_on": str(standardized + timedelta(days=1000)),
    })  # fmt: skip
    # The analysis of the month before D, done late: after D, by the end of D's month (the
    # latest the registry takes); on a month's last day, D's own month's, the next day.
    month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    late = day + timedelta(days=rng.randint(1, max((month_end - day).days, 1)))
    month = (day.replace(day=1) - timedelta(days=1)) if day < month_end else day
    _post(world, "risk-analyses", {
        "month": f"{month:%Y-%m}", "conducted_on": str(late), "risks_identified": 1,
        "summary": "补做",
    })  # fmt: skip

    after = [_findings(_report(world, as_of=str(d))) for d in checked]
    for d, old, new in zip(checked, before, after, strict=True):
        assert [n for o, n in zip(old, new, strict=True) if o != n] == [], f"as of {d}"
    # The later facts were stored and count from their own dates.
    assert _findings(_report(world, as_of=str(today))) != on_today
