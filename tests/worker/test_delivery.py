"""Webhooks end to end: a regulator publishes, the outbox holds the event, the worker
delivers it to a real local receiver, signed so that the `standardwebhooks` package
verifies it; failures are retried, logged, and in the end disable the endpoint."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, func, select
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from app.core.database import session_factory
from app.outbox.models import OutboxEvent
from app.webhooks.models import WebhookAttempt
from app.worker.runner import Worker
from tests.blacklist.support import act, propose, published
from tests.support.receivers import Received, receiver
from tests.support.world import World, credit_code
from tests.worker.support import deliveries, drain, endpoint, watchlist

PUBLISHED = "blacklist.entry.published"
REMOVED = "blacklist.entry.removed"


def verified(secret: str, delivery: Received) -> dict[str, Any]:
    """The payload, once an independent Standard Webhooks implementation accepts it."""
    return dict(Webhook(secret).verify(delivery.body, delivery.headers))


def events(engine: Engine) -> int:
    with session_factory(engine, write=False)() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEvent)) or 0)


def test_an_insurer_hears_once_of_a_listing_in_its_portfolio(world: World, worker: Worker) -> None:
    portfolio = watchlist(world, [credit_code(101), credit_code(102)])
    with receiver() as bank:
        hook = endpoint(world, bank.url, [PUBLISHED, REMOVED])
        entry = published(world, seed=101)
        drain(worker)
        [delivery] = bank.wait_for(1)
        drain(worker)  # nothing more to send
    assert len(bank.received) == 1
    payload = verified(hook["secret"], delivery)
    assert payload["type"] == PUBLISHED
    data = payload["data"]
    assert data["credit_code"] == credit_code(101)
    assert data["entry_id"] == entry["id"]
    assert data["entry_version"] == 1
    assert data["change_seq"] >= 1
    assert data["watchlists"] == [{"watchlist_id": portfolio["id"], "reference": None}]
    assert "id_number" not in delivery.body  # public fields only
    [logged] = deliveries(world, hook["id"])
    assert logged["id"] == delivery.webhook_id
    assert logged["status"] == "delivered"
    assert logged["attempts"] == 1
    assert logged["last_status_code"] == 200


def test_codes_outside_every_watchlist_send_nothing(
    world: World, worker: Worker, engine: Engine
) -> None:
    watchlist(world, [credit_code(102)])
    with receiver() as bank:
        endpoint(world, bank.url, [PUBLISHED])
        published(world, seed=101)
        assert events(engine) == 1  # the change has its event, though nobody watches it
        drain(worker)
    assert bank.received == []


def test_an_altered_delivery_does_not_verify(world: World, worker: Worker) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        hook = endpoint(world, bank.url, [PUBLISHED])
        published(world, seed=101)
        drain(worker)
        [delivery] = bank.wait_for(1)
    tampered = Received(delivery.headers, delivery.body.replace("101", "102", 1))
    with pytest.raises(WebhookVerificationError):
        verified(hook["secret"], tampered)


def test_a_refused_change_leaves_no_event(world: World, engine: Engine) -> None:
    entry = propose(world)
    # The proposer cannot publish its own proposal (four eyes): nothing is written.
    refused = act(world, "district_admin", f"{entry['id']}/publish")
    assert refused.status_code == 403
    assert events(engine) == 0


def test_retries_after_errors_and_timeouts_carry_the_same_webhook_id(
    world: World, worker: Worker, engine: Engine
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        # 500, then an answer slower than the 1 s timeout, then 200.
        bank.script = [500, ("sleep", 1.6)]
        hook = endpoint(world, bank.url, [PUBLISHED])
        published(world, seed=101)
        drain(worker, until=lambda: len(bank.received) >= 3)
        received = bank.wait_for(3)
    assert len({r.webhook_id for r in received}) == 1
    timestamps = [int(r.headers["webhook-timestamp"]) for r in received]
    assert timestamps == sorted(timestamps)
    for delivery in received:
        verified(hook["secret"], delivery)
    [logged] = deliveries(world, hook["id"])
    assert logged["status"] == "delivered"
    assert logged["attempts"] == 3
    detail = world.client.get(
        f"/v1/webhook-endpoints/{hook['id']}/deliveries/{logged['id']}",
        headers=world["bank_admin"].headers,
    ).json()
    outcomes = [(a["number"], a["outcome"], a["status_code"]) for a in detail["attempt_log"]]
    assert outcomes == [(1, "http_error", 500), (2, "timeout", None), (3, "delivered", 200)]
    assert all(a["latency_ms"] >= 0 for a in detail["attempt_log"])
    assert detail["attempt_log"][1]["latency_ms"] >= 900


def test_an_endpoint_failing_to_the_end_is_disabled_and_its_organization_told(
    world: World, worker: Worker
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as broken, receiver() as monitor:
        broken.then = 503
        failing = endpoint(world, broken.url, [PUBLISHED])
        watching = endpoint(world, monitor.url, ["webhook_endpoint.disabled"])
        published(world, seed=101)
        drain(worker, until=lambda: len(monitor.received) >= 1)
        [notice] = monitor.wait_for(1)
    # The schedule allows three retries: four attempts, then the message fails.
    assert len(broken.received) == 4
    [logged] = deliveries(world, failing["id"])
    assert logged["status"] == "failed"
    assert logged["attempts"] == 4
    state = world.client.get(
        f"/v1/webhook-endpoints/{failing['id']}", headers=world["bank_admin"].headers
    ).json()
    assert state["enabled"] is False
    assert state["disabled_reason"] == "failing"
    payload = verified(watching["secret"], notice)
    assert payload["type"] == "webhook_endpoint.disabled"
    assert payload["data"]["endpoint_id"] == failing["id"]
    assert payload["data"]["failed_message_id"] == logged["id"]


def test_messages_about_one_subject_arrive_in_order_even_after_a_failure(
    world: World, worker: Worker
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        bank.script = [500]  # the listing's first attempt fails
        endpoint(world, bank.url, [PUBLISHED, REMOVED])
        entry = published(world, seed=101)
        proposal = act(
            world,
            "district_admin",
            f"{entry['id']}/removals",
            {"reason": "court_ruling", "basis": "（2026）豫0108行初1号判决"},
        ).json()
        approved = act(
            world, "district_approver", f"{entry['id']}/proposals/{proposal['id']}/approve"
        )
        assert approved.status_code == 200, approved.text
        drain(worker, until=lambda: len(bank.received) >= 3)
        received = bank.wait_for(3)
    types = [r.payload["type"] for r in received]
    assert types == [PUBLISHED, PUBLISHED, REMOVED]
    versions = [r.payload["data"]["entry_version"] for r in received]
    assert versions == [1, 1, 2]


def test_a_replayed_delivery_is_sent_again_with_its_webhook_id(
    world: World, worker: Worker
) -> None:
    watchlist(world, [credit_code(101)])
    with receiver() as bank:
        hook = endpoint(world, bank.url, [PUBLISHED])
        published(world, seed=101)
        drain(worker)
        [first] = bank.wait_for(1)
        replay = world.client.post(
            f"/v1/webhook-endpoints/{hook['id']}/deliveries/{first.webhook_id}/replay",
            json={},
            headers=world["bank_admin"].headers,
        )
        assert replay.status_code == 202, replay.text
        drain(worker)
        _, again = bank.wait_for(2)
    assert again.webhook_id == first.webhook_id
    assert again.body == first.body


def test_two_workers_side_by_side_never_make_the_same_attempt(
    app: FastAPI, world: World, engine: Engine, fast_settings: Any
) -> None:
    codes = [credit_code(200 + i) for i in range(6)]
    watchlist(world, codes)
    with receiver() as bank:
        bank.then = 200
        endpoints = [endpoint(world, bank.url, [PUBLISHED]) for _ in range(5)]
        for seed in range(200, 206):
            published(world, seed=seed)
        workers = [
            Worker(engine, fast_settings, app.state.cipher, schedule=False, name=f"w{i}")
            for i in range(2)
        ]

        def run(w: Worker) -> None:
            drain(w, until=lambda: len(bank.received) >= 30)

        threads = [threading.Thread(target=run, args=(w,)) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        for w in workers:
            w.stop()
        received = bank.wait_for(30)
    assert len(received) == 30  # 6 listings × 5 endpoints, each once
    assert len({r.webhook_id for r in received}) == 30
    with session_factory(engine, write=False)() as session:
        attempts = session.execute(
            select(WebhookAttempt.message_id, WebhookAttempt.number, WebhookAttempt.outcome)
        ).all()
    # No attempt is made twice. A retry is a new attempt: under a loaded CI machine the
    # test's 1 s delivery timeout can fail a first attempt, and the message is retried.
    assert len({(a.message_id, a.number) for a in attempts}) == len(attempts)
    delivered = [a.message_id for a in attempts if a.outcome == "delivered"]
    assert len(delivered) == len(set(delivered)) == 30, "each message delivered once"
    assert len(endpoints) == 5


def test_a_portfolio_of_ten_thousand_hears_exactly_of_its_members(
    world: World, worker: Worker
) -> None:
    members = [credit_code(seed) for seed in range(10_000, 19_998)]
    members += [credit_code(101), credit_code(103)]
    portfolio = watchlist(world, members)
    assert len(set(members)) == 10_000
    with receiver() as bank:
        hook = endpoint(world, bank.url, [PUBLISHED])
        for seed in (101, 103, 105, 107):  # two members, two strangers
            published(world, seed=seed)
        drain(worker)
        drain(worker)
    payloads = [verified(hook["secret"], r) for r in bank.received]
    assert sorted(p["data"]["credit_code"] for p in payloads) == sorted(
        [credit_code(101), credit_code(103)]
    )
    assert all(p["data"]["watchlists"][0]["watchlist_id"] == portfolio["id"] for p in payloads)
