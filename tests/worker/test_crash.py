"""A worker killed with SIGKILL in the middle of a delivery loses nothing: its lease runs
out, another worker makes the next attempt, and the receiver sees the same `webhook-id`
twice — which is what at-least-once promises and what receivers deduplicate on."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlalchemy import Engine, select

from app.core.database import session_factory
from app.webhooks.models import WebhookAttempt, WebhookMessage
from app.worker.runner import Worker
from tests.blacklist.support import published
from tests.support.receivers import receiver
from tests.support.world import World, credit_code
from tests.worker.support import drain, endpoint, start_worker_process, watchlist


def test_a_worker_killed_mid_delivery_loses_nothing(
    world: World,
    worker: Worker,
    engine: Engine,
    database_url: str,
    keys_dir: Path,
    tmp_path: Path,
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        bank.script = [("sleep", 30.0)]  # the first delivery hangs until the worker dies
        endpoint(world, bank.url, ["blacklist.entry.published"])
        published(world, seed=101)
        process = start_worker_process(database_url, keys_dir, tmp_path)
        try:
            bank.wait_for(1, timeout=30)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        with session_factory(engine, write=False)() as session:
            [message] = session.scalars(select(WebhookMessage)).all()
            assert message.status == "pending"
            assert message.attempts == 1
            assert message.lease_owner is not None  # still held by the dead worker
            lease_until = message.lease_until
            assert session.scalars(select(WebhookAttempt)).all() == []
        drain(worker, until=lambda: len(bank.received) >= 2, timeout=20)
        first, second = bank.wait_for(2)
    assert second.webhook_id == first.webhook_id
    assert second.body == first.body
    with session_factory(engine, write=False)() as session:
        message = session.get(WebhookMessage, first.webhook_id)
        assert message is not None
        assert message.status == "delivered"
        assert message.attempts == 2
        [attempt] = session.scalars(select(WebhookAttempt)).all()
        assert (attempt.number, attempt.outcome, attempt.worker) == (2, "delivered", "test-worker")
        # Not before the dead worker's lease (its 2 s timeout and 0.5 s margin) ran out.
        assert lease_until is not None
        assert attempt.started_at >= lease_until
