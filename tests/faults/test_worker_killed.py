"""An `anxin worker` killed with SIGKILL while working through many events, then started
again, loses none: every outbox event becomes a message and every message reaches the bank,
at least once. (tests/worker/test_crash.py covers one message killed mid-delivery, fast;
this is the many-events case, with two worker processes, so it lives here.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.core.database import session_factory
from app.outbox.models import OutboxEvent
from app.webhooks.models import WebhookMessage
from tests.blacklist.support import published
from tests.support.processes import kill, stop
from tests.support.receivers import receiver
from tests.support.world import World, credit_code
from tests.worker.conftest import fast_settings  # noqa: F401 (the fixture, used below)
from tests.worker.support import endpoint, start_worker_process, watchlist

BEFORE_THE_CRASH = 30  # entries published before the first worker starts
WHILE_DOWN = 5  # and while no worker runs
SEEDS = range(201, 201 + BEFORE_THE_CRASH + WHILE_DOWN)
EVENT = "blacklist.entry.published"


def _messages(engine: Engine) -> list[WebhookMessage]:
    with session_factory(engine, write=False)() as session:
        return list(session.scalars(select(WebhookMessage)).all())


# The API accepts the loopback receiver only with the worker tests' settings.
@pytest.mark.usefixtures("fast_settings")
def test_a_worker_killed_among_many_events_loses_none(
    world: World, engine: Engine, database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    watchlist(world, [credit_code(seed) for seed in SEEDS])
    with receiver() as bank:
        # Slow answers keep the first worker busy long enough to die with work left.
        bank.script = [("sleep", 0.15)] * len(SEEDS)
        endpoint(world, bank.url, [EVENT])
        for seed in SEEDS[:BEFORE_THE_CRASH]:
            published(world, seed=seed)

        first = start_worker_process(database_url, keys_dir, tmp_path, webhook_concurrency="2")
        try:
            bank.wait_for(8, timeout=60)
        finally:
            kill(first)
        delivered_before = {r.webhook_id for r in bank.received}
        assert len(delivered_before) < BEFORE_THE_CRASH, "the worker finished before the kill"

        for seed in SEEDS[BEFORE_THE_CRASH:]:
            published(world, seed=seed)

        second = start_worker_process(database_url, keys_dir, tmp_path)
        try:
            # At least once: the dead worker's claimed messages come again after their lease.
            bank.wait_for(len(SEEDS), timeout=60)
            _wait_until_all_delivered(engine)
        finally:
            stop(second)
        received = list(bank.received)

    with session_factory(engine, write=False)() as session:
        events = session.scalars(select(OutboxEvent).where(OutboxEvent.type == EVENT)).all()
        assert len(events) == len(SEEDS)
        assert all(event.dispatched_at is not None for event in events)
    messages = _messages(engine)
    # One message per event, each delivered, and the bank saw every one of them.
    assert sorted(m.event_id for m in messages) == sorted(e.id for e in events)
    assert {m.status for m in messages} == {"delivered"}
    assert {r.webhook_id for r in received} == {m.id for m in messages}
    codes = {r.payload["data"]["credit_code"] for r in received}
    assert codes == {credit_code(seed) for seed in SEEDS}
    # A redelivery repeats the very same message: same id, same signed body.
    bodies: dict[str, str] = {}
    for delivery in received:
        assert bodies.setdefault(delivery.webhook_id, delivery.body) == delivery.body


def _wait_until_all_delivered(engine: Engine, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = _messages(engine)
        if len(messages) == len(SEEDS) and all(m.status == "delivered" for m in messages):
            return
        time.sleep(0.1)
    raise AssertionError("not every message was delivered")
