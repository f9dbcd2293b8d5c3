"""Recompute enterprises' standings and store them: each chunk judged from facts loaded
set-wise (as the regional overview does), then its rows and items replaced in the session's
transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from app.compliance.engine import evaluate_many
from app.core import clock
from app.enterprises.models import Enterprise
from app.standings.computed import Computed, computed
from app.standings.models import EnterpriseStanding, StandingItem
from app.standings.scope import stored_in, verified

CHUNK_SIZE = 500


def judged(session: Session, enterprises: Sequence[Enterprise], today: date) -> Iterator[Computed]:
    """The enterprises' standings as of `today`, by their stacks, a chunk at a time."""
    for start in range(0, len(enterprises), CHUNK_SIZE):
        chunk = enterprises[start : start + CHUNK_SIZE]
        yield from (computed(e) for e in evaluate_many(session, chunk, today))


def store(session: Session, standings: Sequence[Computed]) -> None:
    """Replace the stored rows and items of these enterprises by `standings`."""
    ids = [s.enterprise_id for s in standings]
    forget(session, ids)
    if not standings:
        return
    evaluated_at = clock.now()
    # Core inserts: many rows in one statement, and no clash with rows the session may hold.
    session.execute(
        insert(EnterpriseStanding), [{**s.row(), "evaluated_at": evaluated_at} for s in standings]
    )
    items = [
        {
            "enterprise_id": s.enterprise_id,
            "kind": item.kind,
            "key": item.key,
            "pack_id": item.pack_id,
            "status": item.status,
            "severity": item.severity,
        }
        for s in standings
        for item in sorted(s.items, key=lambda i: (i.kind, i.key))
    ]
    if items:
        session.execute(insert(StandingItem), items)


def forget(session: Session, enterprise_ids: Sequence[str]) -> None:
    """Delete the stored rows and items of these enterprises."""
    if not enterprise_ids:
        return
    session.execute(delete(StandingItem).where(StandingItem.enterprise_id.in_(enterprise_ids)))
    session.execute(
        delete(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(enterprise_ids))
    )


def refresh(session: Session, enterprises: Sequence[Enterprise], today: date) -> int:
    """Judge and store these enterprises' standings; returns how many were stored."""
    stored = 0
    batch: list[Computed] = []
    for standing in judged(session, enterprises, today):
        batch.append(standing)
        if len(batch) == CHUNK_SIZE:
            store(session, batch)
            stored += len(batch)
            batch = []
    store(session, batch)
    return stored + len(batch)


def refresh_region(session: Session, region_code: str | None, today: date) -> tuple[int, int]:
    """Refresh every verified enterprise of the subtree (or all), a page at a time, and
    delete the rows of enterprises stored there that are no longer verified in it. Returns
    (stored, removed)."""
    current: set[str] = set()
    statement = verified(region_code)
    after: str | None = None
    while True:
        page = statement if after is None else statement.where(Enterprise.id > after)
        chunk = list(session.scalars(page.limit(CHUNK_SIZE)).unique())
        if not chunk:
            break
        refresh(session, chunk, today)
        current.update(e.id for e in chunk)
        after = chunk[-1].id
    removed = sorted(set(session.scalars(stored_in(region_code))) - current)
    for start in range(0, len(removed), CHUNK_SIZE):
        forget(session, removed[start : start + CHUNK_SIZE])
    return len(current), len(removed)
