"""Sign-up must not be an unlimited oracle for who is registered: refused sign-ups (an
address or a verified credit code already taken) are counted per client address, in a
transaction of their own, and lock the address like failed sign-ins do (decision 54)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from app.core import clock
from tests.enterprises.test_enterprises import signup_body
from tests.support.world import World

TAKEN = "a_admin@example.com"  # the world's enterprise A admin


@pytest.fixture
def frozen(world: World) -> Iterator[clock.FixedClock]:
    with clock.use_clock(clock.FixedClock(datetime.now(UTC))) as fixed:
        assert isinstance(fixed, clock.FixedClock)
        yield fixed


def _free_refusals(client: TestClient) -> int:
    return int(client.app.state.settings.login_failures_per_address)  # type: ignore[attr-defined]


def _assert_limited(response: httpx.Response, retry_after: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "signup_rate_limited"
    assert response.headers["Retry-After"] == str(retry_after)


def test_refused_signups_lock_the_address_even_for_a_fresh_email(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    for seed in range(_free_refusals(client)):
        taken = client.post("/v1/enterprises/signup", json=signup_body(300 + seed, TAKEN))
        assert taken.status_code == 409, taken.text
        assert taken.json()["code"] == "email_taken"

    # The next attempt is refused before anything is looked up, whatever it asks for.
    _assert_limited(client.post("/v1/enterprises/signup", json=signup_body(400, TAKEN)), 1)
    fresh = signup_body(401, "fresh@example.com")
    _assert_limited(client.post("/v1/enterprises/signup", json=fresh), 1)
    # X-Forwarded-For from an untrusted peer does not buy a new address.
    spoofed = client.post(
        "/v1/enterprises/signup", json=fresh, headers={"X-Forwarded-For": "203.0.113.8"}
    )
    _assert_limited(spoofed, 1)

    # Another client address is not affected.
    with TestClient(
        client.app, raise_server_exceptions=False, client=("198.51.100.20", 40000)
    ) as elsewhere:
        other = elsewhere.post("/v1/enterprises/signup", json=signup_body(402, "other@example.com"))
        assert other.status_code == 201, other.text

    # The lock ends; the next refusal locks it twice as long, as at sign-in.
    frozen.advance(timedelta(seconds=1))
    accepted = client.post("/v1/enterprises/signup", json=fresh)
    assert accepted.status_code == 201, accepted.text
    again = client.post("/v1/enterprises/signup", json=signup_body(403, TAKEN))
    assert again.status_code == 409
    _assert_limited(
        client.post("/v1/enterprises/signup", json=signup_body(404, "x@example.com")), 2
    )


def test_refusals_for_a_verified_credit_code_count_too(
    world: World, frozen: clock.FixedClock
) -> None:
    client = world.client
    first = client.post("/v1/enterprises/signup", json=signup_body(500, "holder@example.com"))
    assert first.status_code == 201, first.text
    verified = client.post(
        f"/v1/enterprises/{first.json()['id']}/verify", headers=world["district_admin"].headers
    )
    assert verified.status_code == 200, verified.text
    for n in range(_free_refusals(client)):
        taken = client.post("/v1/enterprises/signup", json=signup_body(500, f"c{n}@example.com"))
        assert taken.status_code == 409, taken.text
        assert taken.json()["code"] == "credit_code_taken"
    _assert_limited(
        client.post("/v1/enterprises/signup", json=signup_body(501, "y@example.com")), 1
    )


def test_invalid_input_is_not_counted_as_a_refusal(world: World, frozen: clock.FixedClock) -> None:
    """A typo (422) reveals nothing about others' accounts and must not lock anyone out."""
    client = world.client
    for _ in range(_free_refusals(client) + 1):
        typo = client.post(
            "/v1/enterprises/signup", json=signup_body(600, "t@example.com", region_code="999")
        )
        assert typo.status_code == 422, typo.text
    ok = client.post("/v1/enterprises/signup", json=signup_body(600, "t@example.com"))
    assert ok.status_code == 201, ok.text
