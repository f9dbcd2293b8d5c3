"""Audit trail: events chain per organization, tampering of any kind shows, writers never fork.

Tampering is done the way an insider would, with raw SQL behind the library's back.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session

from app.core import audit_chain
from app.core.audit_chain import (
    GENESIS_HASH,
    AuditChainHead,
    AuditEntry,
    AuditEvent,
    ChainBreak,
    changes_between,
    event_hash,
    record,
    verify_chains,
)
from app.core.database import session_factory
from app.core.ids import is_id, new_id

NewChain = Callable[[], str]


@pytest.fixture
def new_chain(engine: Engine) -> Iterator[NewChain]:
    """Fresh chain ids; their rows are deleted afterwards (other chains are left alone)."""
    created: list[str] = []

    def make() -> str:
        chain_id = new_id("org")
        created.append(chain_id)
        return chain_id

    yield make
    with engine.begin() as connection:
        connection.execute(delete(AuditEvent).where(AuditEvent.chain_id.in_(created)))
        connection.execute(delete(AuditChainHead).where(AuditChainHead.chain_id.in_(created)))


def _entry(chain_id: str, number: int = 0, **overrides: object) -> AuditEntry:
    fields: dict[str, object] = {
        "chain_id": chain_id,
        "actor_kind": "user",
        "actor_id": "usr_test",
        "actor_organization_id": chain_id,
        "action": "enterprise.update",
        "resource_type": "enterprise",
        "resource_id": f"ent_{number}",
        "subject_organization_id": chain_id,
        "changes": {"employee_count": {"before": number, "after": number + 1}},
        "request_id": f"req-{number}",
        **overrides,
    }
    return AuditEntry(**fields)  # type: ignore[arg-type]


def _append(engine: Engine, chain_id: str, count: int) -> list[AuditEvent]:
    with session_factory(engine, write=True)() as session, session.begin():
        return [record(session, _entry(chain_id, n)) for n in range(count)]


def _verify(engine: Engine, *chain_ids: str) -> list[ChainBreak]:
    with session_factory(engine, write=False)() as session:
        return verify_chains(session, chain_ids)


def _events(engine: Engine, chain_id: str) -> list[AuditEvent]:
    with session_factory(engine, write=False)() as session:
        query = select(AuditEvent).where(AuditEvent.chain_id == chain_id).order_by(AuditEvent.seq)
        return list(session.scalars(query))


def _sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), params)


def _id_at(engine: Engine, chain_id: str, seq: int) -> str:
    return next(event.id for event in _events(engine, chain_id) if event.seq == seq)


def test_events_link_into_a_chain_that_verifies(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 3)
    events = _events(engine, chain)

    assert [event.seq for event in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert [event.prev_hash for event in events[1:]] == [event.hash for event in events[:-1]]
    assert all(is_id(event.id, "aud") for event in events)
    assert all(event.occurred_at.tzinfo is not None for event in events)
    assert events[0].changes == '{"employee_count":{"after":1,"before":0}}'
    with session_factory(engine, write=False)() as session:
        head = session.get(AuditChainHead, chain)
        assert head is not None
        assert (head.last_seq, head.last_hash) == (3, events[-1].hash)
    assert _verify(engine, chain) == []


def test_record_joins_the_callers_transaction_and_never_commits(
    engine: Engine, new_chain: NewChain
) -> None:
    chain = new_chain()
    with session_factory(engine, write=True)() as session:
        session.begin()
        event = record(session, _entry(chain))
        assert event.seq == 1
        session.rollback()
    assert _events(engine, chain) == []
    _append(engine, chain, 1)
    assert [event.seq for event in _events(engine, chain)] == [1]


def test_the_hash_covers_a_documented_canonical_form() -> None:
    # Pinned so that an auditor's own script (or another language) can recompute the chain.
    fields = {
        "id": "aud_x",
        "chain_id": "org_a",
        "seq": 1,
        "occurred_at": datetime(2026, 11, 29, 23, 30, 0, 5, tzinfo=UTC),
        "actor_kind": "user",
        "actor_id": None,
        "actor_organization_id": None,
        "action": "enterprise.update",
        "resource_type": "enterprise",
        "resource_id": None,
        "subject_organization_id": None,
        "changes": '{"name":{"after":"安信","before":null}}',
        "request_id": None,
        "prev_hash": GENESIS_HASH,
    }
    canonical = (
        '{"action":"enterprise.update","actor_id":null,"actor_kind":"user",'
        '"actor_organization_id":null,"chain_id":"org_a",'
        '"changes":"{\\"name\\":{\\"after\\":\\"安信\\",\\"before\\":null}}",'
        '"id":"aud_x","occurred_at":"2026-11-29T23:30:00.000005Z",'
        f'"prev_hash":"{GENESIS_HASH}","request_id":null,"resource_id":null,'
        '"resource_type":"enterprise","seq":1,"subject_organization_id":null}'
    )
    assert event_hash(fields) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_text_is_stored_and_hashed_as_is(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    with session_factory(engine, write=True)() as session, session.begin():
        record(session, _entry(chain, changes={"name": {"before": "安信", "after": "安信科技"}}))
    (event,) = _events(engine, chain)
    assert event.changes == '{"name":{"after":"安信科技","before":"安信"}}'
    assert _verify(engine, chain) == []


def test_each_organization_has_its_own_chain(engine: Engine, new_chain: NewChain) -> None:
    first, second = new_chain(), new_chain()
    with session_factory(engine, write=True)() as session, session.begin():
        for n in range(3):
            record(session, _entry(first, n))
            record(session, _entry(second, n))
        record(session, _entry(second, 3))
    assert [event.seq for event in _events(engine, first)] == [1, 2, 3]
    assert [event.seq for event in _events(engine, second)] == [1, 2, 3, 4]
    assert _events(engine, second)[0].prev_hash == GENESIS_HASH

    _sql(
        engine, "UPDATE audit_events SET action = 'x.y' WHERE id = :id", id=_id_at(engine, first, 2)
    )
    assert [(b.chain_id, b.seq) for b in _verify(engine, first, second)] == [(first, 2)]
    assert _verify(engine, second) == []
    # Verifying every chain (chain_ids=None) sees the same; other tests' chains are not ours.
    with session_factory(engine, write=False)() as session:
        everything = verify_chains(session)
    assert [(b.chain_id, b.seq) for b in everything if b.chain_id in {first, second}] == [
        (first, 2)
    ]


@pytest.mark.parametrize(
    "column", ["action", "actor_id", "changes", "resource_id", "occurred_at", "request_id"]
)
def test_an_edited_field_breaks_the_hash(engine: Engine, new_chain: NewChain, column: str) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    target = _id_at(engine, chain, 3)
    if column == "occurred_at":
        _sql(engine, "UPDATE audit_events SET occurred_at = :at WHERE id = :id", id=target,
             at=datetime(2020, 1, 1, tzinfo=UTC) if engine.dialect.name == "postgresql"
             else "2020-01-01 00:00:00.000000")  # fmt: skip
    else:
        _sql(engine, f"UPDATE audit_events SET {column} = 'forged' WHERE id = :id", id=target)  # noqa: S608
    assert _verify(engine, chain) == [
        ChainBreak(
            chain, 3, target, audit_chain.BREAK_HASH_MISMATCH, "content does not match its hash"
        )
    ]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(
    engine: Engine, new_chain: NewChain
) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    event = _events(engine, chain)[2]
    fields = {name: getattr(event, name) for name in audit_chain._HASHED_FIELDS}
    fields["action"] = "forged"
    _sql(
        engine,
        "UPDATE audit_events SET action = 'forged', hash = :hash WHERE id = :id",
        hash=event_hash(fields),
        id=event.id,
    )
    (found,) = _verify(engine, chain)
    assert (found.seq, found.reason) == (4, audit_chain.BREAK_PREV_HASH_MISMATCH)


def test_a_deleted_middle_event_shows_as_a_gap(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=_id_at(engine, chain, 3))
    (found,) = _verify(engine, chain)
    assert (found.seq, found.event_id, found.reason) == (
        4,
        _id_at(engine, chain, 4),
        audit_chain.BREAK_SEQ_GAP,
    )
    assert found.detail == "expected seq 3, found 4"


def test_a_deleted_first_event_shows(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 3)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=_id_at(engine, chain, 1))
    (found,) = _verify(engine, chain)
    assert (found.seq, found.reason) == (2, audit_chain.BREAK_SEQ_GAP)


def test_renumbering_after_a_deletion_breaks_the_link(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=_id_at(engine, chain, 3))
    for seq in (4, 5):
        _sql(engine, "UPDATE audit_events SET seq = :new WHERE id = :id",
             new=seq - 1, id=_id_at(engine, chain, seq))  # fmt: skip
    (found,) = _verify(engine, chain)
    assert (found.seq, found.reason) == (3, audit_chain.BREAK_PREV_HASH_MISMATCH)


def test_a_deleted_last_event_shows_at_the_head(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=_id_at(engine, chain, 5))
    (found,) = _verify(engine, chain)
    assert (found.seq, found.event_id, found.reason) == (
        4,
        _id_at(engine, chain, 4),
        audit_chain.BREAK_HEAD_MISMATCH,
    )


def test_a_chain_emptied_behind_its_head_shows(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 2)
    _sql(engine, "DELETE FROM audit_events WHERE chain_id = :chain", chain=chain)
    detail = "head says seq 2, the chain ends at seq 0"
    assert _verify(engine, chain) == [
        ChainBreak(chain, 0, None, audit_chain.BREAK_HEAD_MISMATCH, detail)
    ]


def test_a_deleted_head_shows(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 2)
    _sql(engine, "DELETE FROM audit_chain_heads WHERE chain_id = :chain", chain=chain)
    (found,) = _verify(engine, chain)
    assert (found.seq, found.reason) == (2, audit_chain.BREAK_HEAD_MISSING)


def test_swapped_events_show_where_the_order_breaks(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    _append(engine, chain, 5)
    second, third = _id_at(engine, chain, 2), _id_at(engine, chain, 3)
    # Through a free seq: (chain_id, seq) is unique.
    _sql(engine, "UPDATE audit_events SET seq = -1 WHERE id = :id", id=second)
    _sql(engine, "UPDATE audit_events SET seq = 2 WHERE id = :id", id=third)
    _sql(engine, "UPDATE audit_events SET seq = 3 WHERE id = :id", id=second)
    detail = "prev_hash is not the hash of seq 1"
    assert _verify(engine, chain) == [
        ChainBreak(chain, 2, third, audit_chain.BREAK_PREV_HASH_MISMATCH, detail)
    ]


def test_only_the_first_break_of_a_chain_is_reported(
    engine: Engine, new_chain: NewChain, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches: the breaks sit past the first round trip of the stream.
    monkeypatch.setattr(audit_chain, "_VERIFY_BATCH", 4)
    chain, other = new_chain(), new_chain()
    _append(engine, chain, 12)
    _append(engine, other, 12)
    _sql(engine, "UPDATE audit_events SET action = 'x' WHERE id = :id", id=_id_at(engine, chain, 9))
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=_id_at(engine, chain, 11))
    _sql(engine, "UPDATE audit_events SET action = 'x' WHERE id = :id", id=_id_at(engine, other, 7))
    found = _verify(engine, chain, other)
    assert sorted((b.chain_id, b.seq, b.reason) for b in found) == sorted(
        [(chain, 9, audit_chain.BREAK_HASH_MISMATCH), (other, 7, audit_chain.BREAK_HASH_MISMATCH)]
    )


def test_unknown_chains_verify_as_empty(engine: Engine) -> None:
    assert _verify(engine, new_id("org")) == []


def test_concurrent_writers_keep_one_unbroken_chain(engine: Engine, new_chain: NewChain) -> None:
    chain = new_chain()
    writers, per_writer = 8, 25
    make_session = session_factory(engine, write=True)
    # All start together, so that the chain's very first appends collide too.
    start = threading.Barrier(writers)

    def write(writer: int) -> None:
        start.wait()
        for n in range(per_writer):
            with make_session() as session, session.begin():
                record(session, _entry(chain, resource_id=f"w{writer}-{n}"))

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))

    events = _events(engine, chain)
    assert [event.seq for event in events] == list(range(1, writers * per_writer + 1))
    assert len({event.resource_id for event in events}) == writers * per_writer
    times = [event.occurred_at for event in events]
    assert times == sorted(times)
    assert _verify(engine, chain) == []


def test_entries_are_checked_before_they_reach_the_database() -> None:
    with pytest.raises(ValueError, match="actor_kind"):
        AuditEntry(chain_id="org_a", actor_kind="robot", action="a.b", resource_type="x")
    with pytest.raises(ValueError, match="action is longer than 80"):
        AuditEntry(chain_id="org_a", actor_kind="system", action="a" * 81, resource_type="x")
    with pytest.raises(ValueError, match="must not be empty"):
        AuditEntry(chain_id="", actor_kind="system", action="a.b", resource_type="x")


def test_changes_between_keeps_only_what_changed() -> None:
    before = {
        "name": "安信",
        "employees": 10,
        "founded": date(2020, 1, 2),
        "checked_at": datetime(2026, 11, 29, 23, 30, tzinfo=UTC),
        "capital": Decimal("1.50"),
        "removed": "x",
        "same": [1, 2],
    }
    after = {
        "name": "安信科技",
        "employees": 10,
        "founded": date(2020, 1, 3),
        "checked_at": "2026-11-29T23:30:00.000000Z",
        "capital": Decimal("1.50"),
        "added": True,
        "same": [1, 2],
    }
    assert changes_between(before, after) == {
        "added": {"before": None, "after": True},
        "founded": {"before": "2020-01-02", "after": "2020-01-03"},
        "name": {"before": "安信", "after": "安信科技"},
        "removed": {"before": "x", "after": None},
    }
    assert changes_between(before, before) == {}


def test_values_without_a_json_form_are_refused(engine: Engine, new_chain: NewChain) -> None:
    with pytest.raises(TypeError, match="object is not JSON serializable"):
        changes_between({}, {"x": object()})
    with (
        session_factory(engine, write=True)() as session,
        pytest.raises(ValueError, match="Out of range float"),
    ):
        record(session, _entry(new_chain(), changes={"x": float("nan")}))


def test_appends_committed_while_verifying_are_no_break(
    engine: Engine, new_chain: NewChain, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Between reading the heads and streaming the events, another transaction appends to the
    # first chain; the second chain keeps the stream (small batches) open meanwhile.
    monkeypatch.setattr(audit_chain, "_VERIFY_BATCH", 2)
    chain, later = new_chain(), new_chain()
    _append(engine, chain, 3)
    _append(engine, later, 5)
    original = audit_chain._events_by_chain

    def append_then_stream(session: Session, chain_ids: object) -> object:
        _append(engine, chain, 1)
        return original(session, chain_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_chain, "_events_by_chain", append_then_stream)
    with session_factory(engine, write=False)() as session:
        found = verify_chains(session, [chain, later])
    # PostgreSQL's events query sees the append and re-reads that chain's head mid-stream;
    # SQLite's read transaction keeps one snapshot and never sees it. Either way, no break.
    assert found == []
    monkeypatch.setattr(audit_chain, "_events_by_chain", original)
    assert _verify(engine, chain, later) == []
    assert len(_events(engine, chain)) == 4
