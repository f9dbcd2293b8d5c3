"""`watchers_of`: who watches which codes, for the notification fan-out — live lists only,
one query."""

from __future__ import annotations

from sqlalchemy import Engine

from app.core.database import session_factory
from app.watchlists.service import Watcher, watchers_of
from tests.support.world import World
from tests.watchlists.support import WATCHLISTS, add, codes, create, second_institution
from tests.watchlists.test_status import counted_queries


def test_watchers_of_codes_on_live_lists(world: World, engine: Engine) -> None:
    second_institution(world)
    shared, only_a, unwatched, on_deleted = codes(4)
    loans = create(world, name="贷款")["id"]
    policies = create(world, actor="bank2_admin", name="保单")["id"]
    gone = create(world, name="已删除")["id"]
    assert (
        add(
            world, loans, [{"credit_code": shared, "reference": "L-1"}, {"credit_code": only_a}]
        ).status_code
        == 200
    )
    assert add(world, policies, [{"credit_code": shared}], actor="bank2_admin").status_code == 200
    assert add(world, gone, [{"credit_code": on_deleted}]).status_code == 200
    deleted = world.client.delete(f"{WATCHLISTS}/{gone}", headers=world["bank_admin"].headers)
    assert deleted.status_code == 204

    with session_factory(engine, write=False)() as session, counted_queries(engine) as statements:
        found = watchers_of(session, [shared, only_a, unwatched, on_deleted, shared])
    assert len(statements) == 1
    expected_shared = sorted(
        [
            Watcher(world.ids["bank"], loans, shared, "L-1"),
            Watcher(world.ids["bank2"], policies, shared, None),
        ],
        key=lambda w: (w.organization_id, w.watchlist_id),
    )
    assert found == {
        shared: expected_shared,
        only_a: [Watcher(world.ids["bank"], loans, only_a, None)],
        unwatched: [],
        on_deleted: [],
    }
    with session_factory(engine, write=False)() as session:
        assert watchers_of(session, []) == {}


def test_watchers_of_many_codes(world: World, engine: Engine) -> None:
    watched = codes(1200)
    wl = create(world)["id"]
    assert add(world, wl, [{"credit_code": c} for c in watched]).status_code == 200
    with session_factory(engine, write=False)() as session:
        found = watchers_of(session, [*watched, *codes(5, start=9000)])
    assert len(found) == 1205
    assert all(len(found[c]) == 1 and found[c][0].watchlist_id == wl for c in watched)
