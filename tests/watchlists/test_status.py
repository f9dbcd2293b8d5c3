"""Members' blacklist status: listed or not today, as the institutions' lookup says, with
a bounded number of queries per page whatever its size."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine, event

from app.core import clock
from tests.blacklist.support import propose, published, remove_published
from tests.support.world import World, credit_code
from tests.watchlists.support import WATCHLISTS, add, codes, create


def members(world: World, watchlist_id: str, **params: Any) -> dict[str, Any]:
    response = world.client.get(
        f"{WATCHLISTS}/{watchlist_id}/members", params=params, headers=world["bank_admin"].headers
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def listed_codes(world: World, watchlist_id: str, **params: Any) -> list[str]:
    return [m["credit_code"] for m in members(world, watchlist_id, limit=500, **params)["data"]]


def test_a_published_entry_makes_its_member_listed(world: World, app: FastAPI) -> None:
    today = clock.today()
    listed = published(world, seed=101)
    future = published(world, seed=102, effective_from=(today + timedelta(days=30)).isoformat())
    lapsed = published(
        world,
        seed=103,
        legal_basis="national_2017",
        effective_from=(today - timedelta(days=800)).isoformat(),
    )
    proposed = propose(world, seed=104)
    removed = published(world, seed=105)
    remove_published(world, removed["id"])
    plain = codes(2)
    wl = create(world)["id"]
    subjects = [e["credit_code"] for e in (listed, future, lapsed, proposed, removed)]
    add(
        world,
        wl,
        [{"credit_code": c, "reference": f"r{i}"} for i, c in enumerate([*subjects, *plain])],
    )

    page = members(world, wl)
    assert page["as_of"] == today.isoformat()
    by_code = {m["credit_code"]: m for m in page["data"]}
    assert by_code[listed["credit_code"]]["listed"] is True
    (entry,) = by_code[listed["credit_code"]]["entries"]
    assert entry["id"] == listed["id"]
    assert entry["version"] == 1
    assert entry["reason"] == "major_hidden_danger_unremedied"
    assert entry["expires_on"] == listed["expires_on"]
    assert "facts" not in entry
    assert "proposed_by" not in entry
    for other in (future, lapsed, proposed, removed):
        assert by_code[other["credit_code"]]["listed"] is False, other["credit_code"]
        assert by_code[other["credit_code"]]["entries"] == []
    assert listed_codes(world, wl, listed="true") == [listed["credit_code"]]
    assert sorted(listed_codes(world, wl, listed="false")) == sorted(
        c for c in [*subjects, *plain] if c != listed["credit_code"]
    )

    # The same answer the institutions' lookup gives for every member.
    app.state.blacklist_snapshot.refresh()
    for code, member in by_code.items():
        answer = world.client.get(
            f"/v1/blacklist/lookup/{code}", headers=world["bank_client"].headers
        ).json()
        assert answer["listed"] == member["listed"], code
        assert [e["id"] for e in answer["entries"]] == [e["id"] for e in member["entries"]]


BACKGROUND_THREADS = {"blacklist-snapshot", "query-log", "outbox-worker"}


@contextmanager
def counted_queries(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        # Background threads (the blacklist snapshot, the query log, the outbox worker)
        # share the engine; only the requests' own statements count.
        statement = str(args[2])
        if threading.current_thread().name not in BACKGROUND_THREADS and not statement.startswith(
            "BEGIN"
        ):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_page_costs_the_same_queries_whatever_its_size(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    entries = [published(world, seed=300 + i)["credit_code"] for i in range(3)]
    add(world, wl, [{"credit_code": c} for c in [*entries, *codes(400)]])
    sizes = {}
    for limit in (5, 400):
        for listed in (None, "true", "false"):
            params = {"limit": limit, **({"listed": listed} if listed else {})}
            with counted_queries(engine) as statements:
                page = members(world, wl, **params)
            assert page["data"]
            sizes[(limit, listed)] = len(statements)
    assert len(set(sizes.values())) == 1, sizes
    with counted_queries(engine) as statements:
        members(world, wl, limit=400)
    assert sum("blacklist_entries" in s for s in statements) == 1
    assert len(listed_codes(world, wl, listed="true")) == 3
    assert credit_code(300) in listed_codes(world, wl, listed="true")
