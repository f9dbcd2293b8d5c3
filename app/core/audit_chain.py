"""The audit trail: append-only events, hash-chained per organization, and their verification.

Each organization's events form one chain: every event carries the hash of the one before
it, and `audit_chain_heads` holds each chain's last seq and hash. Editing, deleting or
reordering rows with plain database access therefore shows up in `verify_chains`; signing
the heads periodically (DESIGN §9) extends that to someone who could rewrite a whole chain.
Appends to one chain are serialized on its head row, so a chain never forks, even with many
writers; chains of different organizations never wait on each other (except on SQLite, which
has one writer at a time anyway).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, Final
from uuid import UUID

from sqlalchemy import Index, Integer, Row, String, Text, UniqueConstraint, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core import clock
from app.core.ids import new_id
from app.core.orm import Base, UTCDateTime

GENESIS_HASH: Final = "0" * 64
ACTOR_KINDS: Final = frozenset({"user", "client", "system", "anonymous"})
# Rows per round trip while verifying: enough to amortize, small enough to stream.
_VERIFY_BATCH = 1000
# Bound parameters per IN (...) list; SQLite and drivers have limits.
_IN_CHUNK = 500


class AuditEvent(Base):
    """One audited action. Never updated, never deleted; no foreign keys, so it outlives
    whatever it describes."""

    __tablename__ = "audit_events"
    __table_args__ = (
        UniqueConstraint("chain_id", "seq"),
        Index("ix_audit_events_subject_occurred", "subject_organization_id", "occurred_at"),
        Index("ix_audit_events_actor_occurred", "actor_id", "occurred_at"),
        Index("ix_audit_events_action_occurred", "action", "occurred_at"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(40))
    actor_organization_id: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(80))
    resource_type: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[str | None] = mapped_column(String(80))
    subject_organization_id: Mapped[str | None] = mapped_column(String(40))
    changes: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The last link of one chain: the row every append to that chain locks."""

    __tablename__ = "audit_chain_heads"

    chain_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True)
class AuditEntry:
    """What the caller knows about an action; `record` adds id, time, seq and hashes.

    `chain_id` is the organization whose chain it joins: the tenant whose data changed, or
    the actor's organization for logins. `changes` must not carry secrets or clear personal
    ID numbers: the trail is kept for years and read by auditors.
    """

    chain_id: str
    actor_kind: str
    action: str
    resource_type: str
    actor_id: str | None = None
    actor_organization_id: str | None = None
    resource_id: str | None = None
    subject_organization_id: str | None = None
    changes: Mapping[str, Any] | None = None
    request_id: str | None = None

    def __post_init__(self) -> None:
        if self.actor_kind not in ACTOR_KINDS:
            raise ValueError(f"actor_kind must be one of {sorted(ACTOR_KINDS)}")
        # Checked here because SQLite would store an over-long value that PostgreSQL refuses.
        limits = {
            "chain_id": 40,
            "actor_id": 40,
            "actor_organization_id": 40,
            "action": 80,
            "resource_type": 40,
            "resource_id": 80,
            "subject_organization_id": 40,
            "request_id": 64,
        }
        for name, limit in limits.items():
            value = getattr(self, name)
            if value is not None and len(value) > limit:
                raise ValueError(f"{name} is longer than {limit} characters")
        if not self.chain_id or not self.action or not self.resource_type:
            raise ValueError("chain_id, action and resource_type must not be empty")


@dataclass
class ChainBreak:
    """The first link of a chain that does not verify.

    `seq` and `event_id` name the first event that fails; for a head mismatch they name the
    last event found (`event_id` is None when the chain has no events left). `reason` is one
    of the `BREAK_*` codes; `detail` says what was expected.
    """

    chain_id: str
    seq: int
    event_id: str | None
    reason: str
    detail: str = ""


BREAK_HASH_MISMATCH: Final = "hash_mismatch"  # the event's content was edited
BREAK_SEQ_GAP: Final = "seq_gap"  # events before this one were deleted
BREAK_PREV_HASH_MISMATCH: Final = "prev_hash_mismatch"  # reordered, replaced or re-hashed
BREAK_HEAD_MISMATCH: Final = "head_mismatch"  # the tail was deleted, or rows added past it
BREAK_HEAD_MISSING: Final = "head_missing"  # events without the head row that vouches for them


def record(session: Session, entry: AuditEntry) -> AuditEvent:
    """Append an event to its chain in the caller's transaction (flushed, never committed).

    The chain's head row is locked until the caller's transaction ends, so appends to one
    chain are strictly one after another; keep audited transactions short.
    """
    # Serialized before the lock is taken: a bad value fails fast and the lock is held briefly.
    changes = None if entry.changes is None else canonical_json(entry.changes)
    head = _lock_head(session, entry.chain_id)
    event = AuditEvent(
        id=new_id("aud"),
        chain_id=entry.chain_id,
        seq=head.last_seq + 1,
        # Taken under the lock, so times follow seq order (as far as the clock itself does).
        occurred_at=clock.now(),
        actor_kind=entry.actor_kind,
        actor_id=entry.actor_id,
        actor_organization_id=entry.actor_organization_id,
        action=entry.action,
        resource_type=entry.resource_type,
        resource_id=entry.resource_id,
        subject_organization_id=entry.subject_organization_id,
        changes=changes,
        request_id=entry.request_id,
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(_hashed_fields(event))
    session.add(event)
    head.last_seq = event.seq
    head.last_hash = event.hash
    session.flush()
    return event


def _lock_head(session: Session, chain_id: str) -> AuditChainHead:
    dialect = session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"audit chains need PostgreSQL or SQLite, not {dialect}")
    lock = (
        select(AuditChainHead)
        .where(AuditChainHead.chain_id == chain_id)
        .with_for_update()
        # Whatever the session cached may be older than the row we now hold the lock on.
        .execution_options(populate_existing=True)
    )
    head = session.scalars(lock).one_or_none()
    if head is None:
        # Two first writers of a chain must not collide: the second waits for the first's
        # row and then does nothing, and both go on to lock that one row.
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(
            insert(AuditChainHead)
            .values(chain_id=chain_id, last_seq=0, last_hash=GENESIS_HASH)
            .on_conflict_do_nothing(index_elements=["chain_id"])
        )
        head = session.scalars(lock).one()
    # On SQLite FOR UPDATE is not rendered: write transactions hold the database's only
    # write lock from BEGIN IMMEDIATE; a deferred one that read stale data cannot write.
    return head


# Every field but `hash`, in a fixed list so verification hashes exactly what `record` did.
_HASHED_FIELDS: Final = (
    "id",
    "chain_id",
    "seq",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "actor_organization_id",
    "action",
    "resource_type",
    "resource_id",
    "subject_organization_id",
    "changes",
    "request_id",
    "prev_hash",
)


def _hashed_fields(source: AuditEvent | Row[Any]) -> dict[str, Any]:
    return {name: getattr(source, name) for name in _HASHED_FIELDS}


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical serialization of an event's fields (all but `hash`)."""
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text as is: one spelling per value, on any machine."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_json_default,
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value, key=canonical_json)
    raise TypeError(f"{type(value).__name__} is not JSON serializable for the audit trail")


def format_instant(value: datetime) -> str:
    """ISO 8601 in UTC with microseconds and `Z`: the only spelling of an instant we hash."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the audit trail")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def changes_between(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """`{"field": {"before": …, "after": …}}` for the fields that differ, values JSON-ready.

    A field present on one side only is compared with None. Values are compared in their
    JSON form, so a datetime and its ISO string, or 1 and 1.0, count as unchanged.
    """
    result: dict[str, dict[str, Any]] = {}
    for name in sorted(set(before) | set(after)):
        old = _jsonable(before.get(name))
        new = _jsonable(after.get(name))
        if canonical_json(old) != canonical_json(new):
            result[name] = {"before": old, "after": new}
    return result


def _jsonable(value: Any) -> Any:
    loaded: Any = json.loads(canonical_json(value))
    return loaded


def verify_chains(session: Session, chain_ids: Iterable[str] | None = None) -> list[ChainBreak]:
    """Recompute chains (all, or the given ones) and return the first break of each.

    Events are streamed in seq order, so memory stays flat however long the chains are.
    Appends committed while this runs are not reported as breaks: heads are read before the
    events, and a chain that then looks longer than its head is checked against a fresh read.
    """
    if chain_ids is None:
        return _verify(session, None)
    wanted = sorted(set(chain_ids))
    breaks: list[ChainBreak] = []
    for start in range(0, len(wanted), _IN_CHUNK):
        breaks.extend(_verify(session, wanted[start : start + _IN_CHUNK]))
    return breaks


def _verify(session: Session, chain_ids: Sequence[str] | None) -> list[ChainBreak]:
    heads = {
        row.chain_id: (row.last_seq, row.last_hash)
        for row in session.execute(_heads_query(chain_ids))
    }
    breaks: list[ChainBreak] = []
    seen: set[str] = set()
    for chain_id, events in _events_by_chain(session, chain_ids):
        seen.add(chain_id)
        found = _verify_links(chain_id, events)
        if isinstance(found, ChainBreak):
            breaks.append(found)
            continue
        problem = _check_head(session, chain_id, heads.get(chain_id), found)
        if problem is not None:
            breaks.append(problem)
    for chain_id in sorted(set(heads) - seen):
        problem = _check_head(session, chain_id, heads[chain_id], None)
        if problem is not None:
            breaks.append(problem)
    return breaks


def _heads_query(chain_ids: Sequence[str] | None) -> Any:
    query = select(
        AuditChainHead.chain_id, AuditChainHead.last_seq, AuditChainHead.last_hash
    ).order_by(AuditChainHead.chain_id)
    if chain_ids is not None:
        query = query.where(AuditChainHead.chain_id.in_(chain_ids))
    return query


def _events_by_chain(
    session: Session, chain_ids: Sequence[str] | None
) -> Iterator[tuple[str, Iterator[Row[Any]]]]:
    columns = [getattr(AuditEvent, name) for name in (*_HASHED_FIELDS, "hash")]
    query = select(*columns).order_by(AuditEvent.chain_id, AuditEvent.seq)
    if chain_ids is not None:
        query = query.where(AuditEvent.chain_id.in_(chain_ids))
    # Plain rows, not ORM objects, fetched in batches (a server-side cursor on PostgreSQL).
    rows = iter(session.execute(query, execution_options={"yield_per": _VERIFY_BATCH}))
    pending = next(rows, None)
    while pending is not None:
        chain_id = pending.chain_id
        first = pending

        def chain_rows(first: Row[Any] = first, chain_id: str = chain_id) -> Iterator[Row[Any]]:
            nonlocal pending
            yield first
            for row in rows:
                if row.chain_id != chain_id:
                    pending = row
                    return
                yield row
            pending = None

        group = chain_rows()
        yield chain_id, group
        # The consumer may stop at a break; drain the rest of this chain's rows.
        for _ in group:
            pass


def _verify_links(chain_id: str, events: Iterator[Row[Any]]) -> ChainBreak | tuple[int, str, str]:
    """The first broken link, or (seq, id, hash) of the last event if every link holds."""
    expected_seq, expected_prev = 1, GENESIS_HASH
    last: tuple[int, str, str] | None = None
    for row in events:
        if row.seq != expected_seq:
            return ChainBreak(
                chain_id,
                row.seq,
                row.id,
                BREAK_SEQ_GAP,
                f"expected seq {expected_seq}, found {row.seq}",
            )
        if row.prev_hash != expected_prev:
            return ChainBreak(
                chain_id,
                row.seq,
                row.id,
                BREAK_PREV_HASH_MISMATCH,
                f"prev_hash is not the hash of seq {row.seq - 1}",
            )
        if event_hash(_hashed_fields(row)) != row.hash:
            return ChainBreak(
                chain_id, row.seq, row.id, BREAK_HASH_MISMATCH, "content does not match its hash"
            )
        last = (row.seq, row.id, row.hash)
        expected_seq, expected_prev = row.seq + 1, row.hash
    if last is None:  # pragma: no cover (groups are never empty)
        raise RuntimeError("empty chain group")
    return last


def _check_head(
    session: Session,
    chain_id: str,
    head: tuple[int, str] | None,
    last: tuple[int, str, str] | None,
) -> ChainBreak | None:
    last_seq, last_id, last_hash = last if last is not None else (0, None, GENESIS_HASH)
    if head is None or head[0] < last_seq:
        # Maybe appended after the heads were read (the events query sees later commits
        # under READ COMMITTED): ask again. A legitimate append moves its head in the same
        # transaction, so the fresh head covers every committed event.
        fresh = session.execute(
            select(AuditChainHead.last_seq, AuditChainHead.last_hash).where(
                AuditChainHead.chain_id == chain_id
            )
        ).one_or_none()
        head = None if fresh is None else (fresh.last_seq, fresh.last_hash)
        if head is not None and head[0] > last_seq:
            return None  # moved on again since the events were read; verified up to last_seq
    if head is None:
        return ChainBreak(
            chain_id, last_seq, last_id, BREAK_HEAD_MISSING, "events exist but the head row is gone"
        )
    head_seq, head_hash = head
    if head_seq != last_seq or head_hash != last_hash:
        return ChainBreak(
            chain_id,
            last_seq,
            last_id,
            BREAK_HEAD_MISMATCH,
            f"head says seq {head_seq}, the chain ends at seq {last_seq}",
        )
    return None
