"""Helpers for worker tests: an app configured for loopback receivers and fast retries, a
watchlist and an endpoint made through the API, and a worker driven round by round."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.worker.runner import Worker
from tests.support.processes import anxin_environment, start_anxin
from tests.support.world import World

# Retries come at once, an attempt waits at most a second, a dead worker's lease lapses fast.
FAST: dict[str, Any] = {
    "webhook_allow_private_networks": True,
    "webhook_allow_http": True,
    "webhook_retry_schedule_seconds": [0.0, 0.0, 0.0],
    "webhook_timeout_seconds": 1.0,
    "webhook_lease_margin_seconds": 0.5,
}


def start_worker_process(
    database_url: str, keys_dir: Path, workdir: Path, **settings: str
) -> subprocess.Popen[bytes]:
    """`anxin worker` as a real process (to be killed), with FAST's settings and a 2 s
    attempt timeout, so that a dead worker's leases lapse 2.5 s after it claimed them."""
    environment = anxin_environment(
        database_url=database_url,
        keys_dir=str(keys_dir),
        var_dir=str(workdir / "var"),
        webhook_allow_private_networks="true",
        webhook_allow_http="true",
        webhook_timeout_seconds="2",
        webhook_lease_margin_seconds="0.5",
        outbox_poll_seconds="0.05",
        **settings,
    )
    return start_anxin("worker", "--no-scheduler", environment=environment, cwd=workdir)


def drain(worker: Worker, until: Callable[[], bool] | None = None, timeout: float = 15) -> None:
    """Run rounds until there is nothing left to do (or `until` holds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = worker.run_once()
        if until is not None and until():
            return
        if until is None and not busy:
            return
        if not busy:
            time.sleep(0.05)
    raise AssertionError("the worker did not finish in time")


def watchlist(world: World, codes: list[str], actor: str = "bank_admin") -> dict[str, Any]:
    created = world.client.post(
        "/v1/watchlists", json={"name": f"portfolio {len(codes)}"}, headers=world[actor].headers
    )
    assert created.status_code == 201, created.text
    for start in range(0, len(codes), 10_000):
        added = world.client.post(
            f"/v1/watchlists/{created.json()['id']}/members",
            json={"members": [{"credit_code": c} for c in codes[start : start + 10_000]]},
            headers=world[actor].headers,
        )
        assert added.status_code in (200, 201), added.text
    return dict(created.json())


def endpoint(
    world: World, url: str, event_types: list[str], actor: str = "bank_admin"
) -> dict[str, Any]:
    response = world.client.post(
        "/v1/webhook-endpoints",
        json={"url": url, "event_types": event_types, "description": "test receiver"},
        headers=world[actor].headers,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def deliveries(world: World, endpoint_id: str, actor: str = "bank_admin") -> list[dict[str, Any]]:
    response = world.client.get(
        f"/v1/webhook-endpoints/{endpoint_id}/deliveries", headers=world[actor].headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["data"])
