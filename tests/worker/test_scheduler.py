"""The scheduler: one worker at a time produces the time-based events, and producing them
again tells nobody twice."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from fastapi import FastAPI
from sqlalchemy import Engine, select

from app.compliance.models import ComplianceStanding
from app.core import clock
from app.core.config import Settings
from app.core.database import session_factory
from app.outbox.models import OutboxEvent
from app.worker.notices import produce_notices
from app.worker.runner import Worker
from app.worker.scheduler import Scheduler
from tests.blacklist.support import published
from tests.compliance.test_report import _post
from tests.support.receivers import receiver
from tests.support.world import World, credit_code
from tests.worker.support import drain, endpoint, watchlist

ENTERPRISE_TYPES = [
    "alert.window_entered",
    "hidden_danger.deadline_passed",
    "compliance.status_changed",
]


def _types(engine: Engine) -> list[str]:
    with session_factory(engine, write=False)() as session:
        return list(session.scalars(select(OutboxEvent.type).order_by(OutboxEvent.id)))


def test_one_scheduler_at_a_time(engine: Engine, settings: Settings) -> None:
    first = Scheduler(engine, settings, "worker-1")
    second = Scheduler(engine, settings, "worker-2")
    try:
        assert first.tick() == len(first.jobs)
        assert second.tick() == 0  # the lease is held by the first
        first.stop()  # released: a clean shutdown hands over at once
        assert second.tick() == len(second.jobs)
    finally:
        first.stop()
        second.stop()


def test_listings_expire_on_schedule_and_watchers_hear_of_it(
    world: World, worker: Worker, engine: Engine, settings: Settings
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        endpoint(world, bank.url, ["blacklist.entry.expired"])
        entry = published(world, seed=101)  # listed 2026-06-01 for 36 months
        scheduler = Scheduler(engine, settings, "worker-1")
        try:
            with clock.use_clock(clock.FixedClock(datetime(2029, 6, 2, 4, tzinfo=UTC))):
                scheduler.tick()
        finally:
            scheduler.stop()
        drain(worker, until=lambda: len(bank.received) >= 1)
        [delivery] = bank.wait_for(1)
    assert delivery.payload["type"] == "blacklist.entry.expired"
    assert delivery.payload["data"]["entry_id"] == entry["id"]
    assert delivery.payload["data"]["entry"]["status"] == "expired"


def test_enterprise_notices_are_told_once(world: World, worker: Worker, engine: Engine) -> None:
    _post(
        world,
        "hidden-dangers",
        {
            "found_on": "2026-11-20",
            "description": "楼梯扶手松动",
            "level": "general",
            "deadline": "2026-12-05",
        },
    )
    with receiver() as enterprise:
        endpoint(world, enterprise.url, ENTERPRISE_TYPES, actor="a_admin")
        sessions = session_factory(engine, write=True)
        passes = []
        for _ in range(2):  # a second pass on the same day adds nothing
            with sessions() as session:
                assert produce_notices(session, date(2026, 12, 10)) == 1
                session.commit()
            passes.append(_types(engine))
        assert passes[0] == passes[1]
        types = passes[0]
        assert types.count("hidden_danger.deadline_passed") == 1
        assert "alert.window_entered" in types  # the commitment, the monthly analysis …
        assert "compliance.status_changed" not in types  # the first look is not a change
        drain(worker)
        received = [r.payload for r in enterprise.received]
    overdue = [p for p in received if p["type"] == "hidden_danger.deadline_passed"]
    assert len(overdue) == 1
    assert overdue[0]["data"]["deadline"] == "2026-12-05"
    assert "HJ2014-20.2" in overdue[0]["data"]["rule_ids"]
    assert len(received) == len(types)  # every event once, none twice
    assert all(p["data"]["enterprise_id"] == world.ids["enterprise_a"] for p in received)


def test_a_change_of_standing_is_an_event(world: World, engine: Engine) -> None:
    endpoint(world, "https://93.184.215.14/hooks", ["compliance.status_changed"], actor="a_admin")
    sessions = session_factory(engine, write=True)
    with sessions() as session:
        produce_notices(session, date(2026, 12, 10))
        session.commit()
    with sessions() as session:
        standing = session.get(ComplianceStanding, world.ids["enterprise_a"])
        assert standing is not None
        seen = standing.status
        # As if the enterprise had stood otherwise at the last pass.
        standing.status = "pass" if seen != "pass" else "fail"
        session.commit()
    with sessions() as session:
        produce_notices(session, date(2026, 12, 11))
        session.commit()
        events = list(
            session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "compliance.status_changed")
            )
        )
        standing = session.get(ComplianceStanding, world.ids["enterprise_a"])
        assert standing is not None
        assert standing.status == seen
    assert len(events) == 1
    assert events[0].organization_id == world.ids["enterprise_a"]
    data = json.loads(events[0].payload)
    assert (data["previous_status"], data["status"]) == (
        "pass" if seen != "pass" else "fail",
        seen,
    )


def test_the_app_runs_no_worker_unless_embedded(app: FastAPI) -> None:
    # The suite's app has a configured database: deliveries belong to `anxin worker`.
    assert app.state.settings.embedded is False
