"""Brute-force protection at the token endpoint: account and address lockouts (429 with
Retry-After), their doubling and cap, what clears them, and what is audited.

Every test freezes time (after the world is built, so its tokens stay valid) and moves it
explicitly: a lockout lasts seconds, and real time must not drift into the assertions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.core import clock
from app.core.database import Database
from app.identity import oauth
from app.identity.models import Throttle
from tests.support.world import PASSWORD, World

WRONG = "definitely not the password"
ACCOUNT = "a_editor@example.com"


@pytest.fixture
def frozen(world: World) -> Iterator[clock.FixedClock]:
    """A stopped clock at the current instant (requested after the world is built)."""
    with clock.use_clock(clock.FixedClock(datetime.now(UTC))) as fixed:
        assert isinstance(fixed, clock.FixedClock)
        yield fixed


def _sign_in(
    client: TestClient, email: str, password: str, headers: dict[str, str] | None = None
) -> httpx.Response:
    response: httpx.Response = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
        headers=headers,
    )
    return response


def _assert_failed(response: httpx.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "The email or password is wrong.",
    }
    assert "retry-after" not in response.headers


def _assert_locked(response: httpx.Response, retry_after: int) -> None:
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["error"] == "temporarily_unavailable"
    assert body["error_description"]
    assert "access_token" not in body
    assert response.headers["retry-after"] == str(retry_after)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"].startswith("application/json")


def _fail(client: TestClient, email: str, times: int) -> None:
    for _ in range(times):
        _assert_failed(_sign_in(client, email, WRONG))


def _audit(world: World, action: str, actor: str = "platform") -> list[dict[str, Any]]:
    response = world.client.get(
        "/v1/audit-events",
        params={"action": action, "limit": 500},
        headers=world[actor].headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return list(response.json()["data"])


def test_five_failures_lock_the_account_even_for_the_right_password(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    _fail(client, ACCOUNT, 5)

    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)
    _assert_locked(_sign_in(client, ACCOUNT, WRONG), retry_after=1)
    # The same account however the email is spelled: case and whitespace do not escape it.
    _assert_locked(_sign_in(client, "  A_Editor@EXAMPLE.com ", PASSWORD), retry_after=1)

    frozen.advance(timedelta(milliseconds=999))
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)

    frozen.advance(timedelta(milliseconds=1))
    signed_in = _sign_in(client, ACCOUNT, PASSWORD)
    assert signed_in.status_code == 200, signed_in.text
    me = client.get(
        "/v1/me", headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["email"] == ACCOUNT


def test_each_further_failure_doubles_the_lockout(world: World, frozen: clock.FixedClock) -> None:
    client = world.client
    _fail(client, ACCOUNT, 5)
    for lockout in (1, 2, 4, 8, 16, 32, 64):
        _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=lockout)
        if lockout > 1:
            # Halfway through, the wait left is what Retry-After says: refusals add nothing.
            frozen.advance(timedelta(seconds=lockout // 2))
            _assert_locked(_sign_in(client, ACCOUNT, WRONG), retry_after=lockout // 2)
            frozen.advance(timedelta(seconds=lockout // 2))
        else:
            frozen.advance(timedelta(seconds=1))
        _assert_failed(_sign_in(client, ACCOUNT, WRONG))
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=128)

    frozen.advance(timedelta(seconds=128))
    assert _sign_in(client, ACCOUNT, PASSWORD).status_code == 200
    # The success cleared the counter: five free attempts again before the next lock.
    _fail(client, ACCOUNT, 5)
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)


def test_the_lockout_stops_growing_at_the_cap(
    world: World, frozen: clock.FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the default 15-minute cap, the doubling outlasts the 15-minute counting window
    # before it reaches the cap; a small cap shows the capping itself.
    monkeypatch.setattr(world.client.app.state.settings, "login_max_lockout_seconds", 10)  # type: ignore[attr-defined]
    client = world.client
    _fail(client, ACCOUNT, 5)
    seen = []
    for _ in range(6):
        refused = _sign_in(client, ACCOUNT, PASSWORD)
        assert refused.status_code == 429
        seen.append(int(refused.headers["retry-after"]))
        frozen.advance(timedelta(seconds=seen[-1]))
        _assert_failed(_sign_in(client, ACCOUNT, WRONG))
    assert seen == [1, 2, 4, 8, 10, 10]
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=10)
    frozen.advance(timedelta(seconds=10))
    assert _sign_in(client, ACCOUNT, PASSWORD).status_code == 200


def test_a_successful_sign_in_clears_the_account_counter(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    _fail(client, ACCOUNT, 4)
    assert _sign_in(client, ACCOUNT, PASSWORD).status_code == 200
    # Had the four failures still counted, the first of these would have locked the account.
    _fail(client, ACCOUNT, 4)
    assert _sign_in(client, ACCOUNT, PASSWORD).status_code == 200
    _fail(client, ACCOUNT, 5)
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)


def test_failures_for_one_account_do_not_lock_another(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    _fail(client, ACCOUNT, 5)
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)

    assert _sign_in(client, "a_viewer@example.com", PASSWORD).status_code == 200
    assert _sign_in(client, "b_admin@example.com", PASSWORD).status_code == 200
    _assert_failed(_sign_in(client, "a_viewer@example.com", WRONG))
    assert _sign_in(client, "a_viewer@example.com", PASSWORD).status_code == 200
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)


def test_concurrent_guesses_cannot_slip_past_the_lock(
    world: World, frozen: clock.FixedClock
) -> None:
    # Sixteen guesses at once, as a scripted attacker would send them: only five may be
    # checked against the password; every other one is refused.
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: _sign_in(world.client, ACCOUNT, WRONG), range(16)))
    statuses = [response.status_code for response in responses]
    checked = statuses.count(400)
    assert checked == 5, f"{checked} of 16 concurrent guesses were checked against the password"
    assert statuses.count(429) == 11
    assert len(_audit(world, "auth.login_failed")) == 5
    assert len(_audit(world, "auth.login_refused")) == 11
    _assert_locked(_sign_in(world.client, ACCOUNT, PASSWORD), retry_after=1)


def test_failures_and_refusals_are_audited(world: World, frozen: clock.FixedClock) -> None:
    client = world.client
    _fail(client, ACCOUNT, 5)
    _fail(client, "nobody@example.com", 1)
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)
    _assert_locked(_sign_in(client, ACCOUNT, WRONG), retry_after=1)

    failed = _audit(world, "auth.login_failed")
    assert len(failed) == 6, "refused attempts are not counted as failures"
    known = [event for event in failed if event["changes"]["email"] == ACCOUNT]
    assert len(known) == 5
    for event in known:
        assert event["actor_kind"] == "anonymous"
        assert event["actor_id"] is None
        assert event["resource_type"] == "user"
        assert event["resource_id"] == world["a_editor"].user_id
        assert event["subject_organization_id"] == world.ids["enterprise_a"]
        assert event["changes"] == {"email": ACCOUNT, "address": "testclient"}
    (unknown,) = [event for event in failed if event["changes"]["email"] == "nobody@example.com"]
    assert unknown["resource_id"] is None
    assert unknown["subject_organization_id"] is None

    refused = _audit(world, "auth.login_refused")
    assert len(refused) == 2
    for event in refused:
        assert event["actor_kind"] == "anonymous"
        assert event["changes"] == {
            "email": ACCOUNT,
            "address": "testclient",
            "locked": f"signin:account:{ACCOUNT}",
        }

    # The enterprise's own admin sees the failed sign-ins against its member.
    own = _audit(world, "auth.login_failed", actor="a_admin")
    assert {event["resource_id"] for event in own} == {world["a_editor"].user_id}
    assert len(own) == 5
    assert _audit(world, "auth.login_failed", actor="b_admin") == []

    # No attempted password ever lands in the trail.
    trail = client.get(
        "/v1/audit-events", params={"limit": 500}, headers=world["platform"].headers
    ).text
    assert WRONG not in trail
    assert PASSWORD not in trail


def test_many_failures_from_one_address_lock_the_address(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    limit = client.app.state.settings.login_failures_per_address  # type: ignore[attr-defined]
    for n in range(limit):
        # A different unknown account each time: no account lock can be what stops this.
        _assert_failed(_sign_in(client, f"guess{n}@example.com", WRONG))

    _assert_locked(_sign_in(client, "yet-another@example.com", WRONG), retry_after=1)
    # Every account is refused from that address, even with its right password …
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=1)
    # … and without a trusted proxy configured, X-Forwarded-For does not buy a new address.
    _assert_locked(
        _sign_in(client, ACCOUNT, PASSWORD, headers={"X-Forwarded-For": "203.0.113.9"}),
        retry_after=1,
    )
    refused = _audit(world, "auth.login_refused")
    assert len(refused) == 3
    assert {event["changes"]["locked"] for event in refused} == {"signin:address:testclient"}
    assert len(_audit(world, "auth.login_failed")) == limit

    frozen.advance(timedelta(seconds=1))
    assert _sign_in(client, ACCOUNT, PASSWORD).status_code == 200
    # One account's success does not clear the address: its next failure locks it longer.
    _assert_failed(_sign_in(client, "guess-again@example.com", WRONG))
    _assert_locked(_sign_in(client, ACCOUNT, PASSWORD), retry_after=2)


def test_the_password_check_holds_no_lock(
    world: World, frozen: clock.FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Argon2 takes tens of milliseconds. On the embedded SQLite a write transaction open
    across it would make every other write of the service wait (a burst of sign-ins queued
    until they failed), and on PostgreSQL the account's counter would stay locked. The
    attempt is counted and committed first; the check runs with no transaction open."""
    checking, finish = threading.Event(), threading.Event()
    verify = oauth.verify_password

    def observed_verify(password_hash: str | None, password: str) -> bool:
        checking.set()
        assert finish.wait(30)
        return verify(password_hash, password)

    monkeypatch.setattr(oauth, "verify_password", observed_verify)
    database: Database = world.client.app.state.database  # type: ignore[attr-defined]
    counter = select(Throttle).where(Throttle.key == f"signin:account:{ACCOUNT}")
    with ThreadPoolExecutor(max_workers=1) as pool:
        signing_in = pool.submit(_sign_in, world.client, ACCOUNT, PASSWORD)
        try:
            assert checking.wait(30)
            # A writer gets in at once: SQLite's write lock (BEGIN IMMEDIATE) and the
            # counter's row lock (NOWAIT: fails instead of waiting) are both free.
            with database.session(write=True) as session:
                row = session.scalars(counter.with_for_update(nowait=True)).one()
                assert row.count == 1, "the attempt is counted before its password is checked"
        finally:
            finish.set()
        assert signing_in.result().status_code == 200
    with database.session(write=False) as session:
        assert session.scalars(counter).one_or_none() is None, "a success clears the count"


def test_a_sign_in_with_an_idempotency_key_counts_in_the_request_transaction(
    world: World, frozen: clock.FixedClock
) -> None:
    """The key's claim opens the request's write transaction before the attempt is counted;
    a second one would wait on it (on SQLite until it timed out: a 503 the fuzzer found)."""
    database: Database = world.client.app.state.database  # type: ignore[attr-defined]
    counter = select(Throttle).where(Throttle.key == f"signin:account:{ACCOUNT}")
    _assert_failed(_sign_in(world.client, ACCOUNT, WRONG, {"Idempotency-Key": "try-1"}))
    with database.session(write=False) as session:
        assert session.scalars(counter).one().count == 1, "the failure is kept"
    signed_in = _sign_in(world.client, ACCOUNT, PASSWORD, {"Idempotency-Key": "try-2"})
    assert signed_in.status_code == 200, signed_in.text
    with database.session(write=False) as session:
        assert session.scalars(counter).one_or_none() is None, "a success clears the count"
