"""PostgreSQL restarted under traffic: while it is down /readyz answers 503 and every other
route a clear 503 problem with Retry-After (never a 500); once it is back the same `anxin
serve` process recovers by itself, and what was written before and after is intact.

The cluster is the test's own (DESIGN §9: the shared server on :5432 is never restarted),
so this runs once, in the postgresql lane, whatever that lane's database is.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from app.core import keys, migrations
from tests.faults.support import (
    admin_headers,
    assert_audit_intact,
    assert_problem,
    bootstrap_admin,
    create_organization,
)
from tests.support.databases import lane_name
from tests.support.processes import FAST_HASHES, anxin_environment, running_server
from tests.support.throwaway_postgres import (
    ThrowawayCluster,
    pg_ctl_available,
    throwaway_cluster,
)

pytestmark = pytest.mark.skipif(
    lane_name() != "postgresql",
    reason="stops and starts a PostgreSQL cluster of its own; runs in the postgresql lane",
)


@dataclass
class Traffic:
    """Requests sent one after another until stopped, every answer kept with its phase."""

    client: httpx.Client
    headers: dict[str, str]
    phase: str = "up"
    answers: list[tuple[str, str, httpx.Response]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        count = 0
        while not self._stop.is_set():
            count += 1
            phase = self.phase
            if count % 2:
                response = self.client.get("/v1/me", headers=self.headers)
                self.answers.append((phase, "read", response))
            else:
                response = create_organization(self.client, self.headers, f"traffic {count}")
                self.answers.append((phase, "write", response))
            time.sleep(0.02)

    def stop(self) -> None:
        self._stop.set()


@pytest.fixture
def cluster() -> Iterator[ThrowawayCluster]:
    why_not = pg_ctl_available()
    if why_not is not None:
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster here: {why_not}")
    with throwaway_cluster() as started:
        yield started


def test_the_service_rides_out_a_postgresql_restart(
    cluster: ThrowawayCluster, tmp_path: Path
) -> None:
    migrations.upgrade(cluster.url)
    keys.ensure_keys(tmp_path / "keys")
    environment = anxin_environment(
        database_url=cluster.url,
        keys_dir=str(tmp_path / "keys"),
        var_dir=str(tmp_path / "var"),
        log_json="false",
        **FAST_HASHES,
    )
    bootstrap_admin(cluster.url)

    with running_server(environment, tmp_path) as server, server.client() as client:
        headers = admin_headers(client)
        traffic = Traffic(server.client(), headers)
        sender = threading.Thread(target=traffic.run, daemon=True)
        sender.start()
        try:
            time.sleep(0.5)
            traffic.phase = "stopping"  # answers in flight may go either way
            cluster.stop()
            traffic.phase = "down"
            time.sleep(1.0)
            readiness = client.get("/readyz")
            assert readiness.status_code == 503
            assert readiness.json()["database"] == "unreachable"
            for response in (
                client.get("/v1/me", headers=headers),
                create_organization(client, headers, "while down"),
            ):
                assert_problem(response, 503, "database_unavailable")
                assert response.headers["retry-after"] == "5"

            traffic.phase = "starting"
            cluster.start()
            _wait_until_ready(client)
            traffic.phase = "recovered"
            time.sleep(1.0)
        finally:
            traffic.stop()
            sender.join(timeout=10)
            traffic.client.close()

        # The same process, never restarted, serves reads and writes again.
        assert server.process.poll() is None
        assert client.get("/v1/me", headers=headers).status_code == 200
        assert create_organization(client, headers, "after").status_code == 201

    _assert_traffic_was_answered_cleanly(traffic)
    assert_audit_intact(environment, tmp_path)


def _wait_until_ready(client: httpx.Client, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError("the service did not become ready again")


def _assert_traffic_was_answered_cleanly(traffic: Traffic) -> None:
    by_phase: dict[str, set[int]] = {}
    for phase, _kind, response in traffic.answers:
        by_phase.setdefault(phase, set()).add(response.status_code)
        if response.status_code == 503:
            assert_problem(response, 503, "database_unavailable")
        else:
            # Nothing in between: no 500, no hanging half-answer.
            assert response.status_code in (200, 201), response.text
    assert by_phase["up"] <= {200, 201}
    assert by_phase["down"] == {503}
    assert by_phase["recovered"] <= {200, 201}, "requests still fail after recovery"
