"""Members of a list: added and removed in bulk with set-based queries, read with their
blacklist status.

A write locks the list's row, loads the list's codes once, and then inserts, updates or
deletes with executemany / IN statements: 100,000 codes cost a handful of round trips, not
one per code. Nothing is written unless every row is valid and the list stays within its cap.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.pagination import paginate
from app.identity.principal import Principal
from app.watchlists import errors, status
from app.watchlists.models import Watchlist, WatchlistMember
from app.watchlists.rows import MemberRow, validated, validated_codes
from app.watchlists.schemas import MemberOut, MembersAdded, MembersPage, MembersRemoved
from app.watchlists.service import IN_CHUNK, audit_watchlist, locked

MEMBERS_TABLE = cast(Table, WatchlistMember.__table__)


def _present(session: Session, watchlist: Watchlist) -> dict[str, str | None]:
    statement = select(WatchlistMember.credit_code, WatchlistMember.reference).where(
        WatchlistMember.watchlist_id == watchlist.id
    )
    return dict(session.execute(statement).all())


def _touch(watchlist: Watchlist, principal: Principal, member_count: int, now: datetime) -> None:
    watchlist.member_count = member_count
    watchlist.updated_at = now
    watchlist.updated_by = principal.id


def add(
    session: Session,
    principal: Principal,
    watchlist_id: str,
    rows: list[MemberRow],
    *,
    max_members: int,
    source: str,
    request_id: str | None,
) -> MembersAdded:
    """Add (or re-reference) members, idempotently: a code already on the list is not
    added twice; a row with a reference sets it, a row without one keeps the present one."""
    wanted = validated(rows)
    watchlist = locked(session, principal, watchlist_id)
    present = _present(session, watchlist)
    new = {c: r for c, r in wanted.members.items() if c not in present}
    changed = {
        c: r
        for c, r in wanted.members.items()
        if c in present and r is not None and present[c] != r
    }
    total = len(present) + len(new)
    if total > max_members:
        raise errors.WATCHLIST_FULL.problem(
            f"A watchlist holds at most {max_members} members: this would make {total} "
            f"({len(present)} now, {len(new)} new). Nothing was added."
        )
    counts = MembersAdded(
        added=len(new),
        updated=len(changed),
        unchanged=len(wanted.members) - len(new) - len(changed),
        duplicates=wanted.duplicates,
        member_count=total,
    )
    if not new and not changed:
        return counts
    now = clock.now()
    if new:
        # Core, not ORM, executemany: the ORM's per-row bookkeeping was a fifth of the time.
        session.execute(
            insert(MEMBERS_TABLE),
            [
                {
                    "watchlist_id": watchlist.id,
                    "credit_code": code,
                    "organization_id": watchlist.organization_id,
                    "reference": reference,
                    "added_at": now,
                    "updated_at": now,
                }
                for code, reference in new.items()
            ],
        )
    if changed:
        session.execute(
            update(WatchlistMember),
            [
                {
                    "watchlist_id": watchlist.id,
                    "credit_code": code,
                    "reference": reference,
                    "updated_at": now,
                }
                for code, reference in changed.items()
            ],
        )
    _touch(watchlist, principal, total, now)
    session.flush()
    audit_watchlist(
        session,
        principal,
        watchlist,
        "watchlist.members.add",
        request_id,
        {"source": source, **counts.model_dump()},
    )
    return counts


def _delete(session: Session, watchlist: Watchlist, codes: list[str]) -> int:
    removed = 0
    for start in range(0, len(codes), IN_CHUNK):
        result = session.execute(
            delete(WatchlistMember).where(
                WatchlistMember.watchlist_id == watchlist.id,
                WatchlistMember.credit_code.in_(codes[start : start + IN_CHUNK]),
            )
        )
        removed += result.rowcount  # type: ignore[attr-defined]
    return removed


def remove(
    session: Session,
    principal: Principal,
    watchlist_id: str,
    raw_codes: list[str],
    request_id: str | None,
) -> MembersRemoved:
    """Take codes off the list; a code that is not on it is counted as absent, not an error."""
    codes = validated_codes(raw_codes, "body.credit_codes")
    watchlist = locked(session, principal, watchlist_id)
    removed = _delete(session, watchlist, codes)
    counts = MembersRemoved(
        removed=removed, absent=len(codes) - removed, member_count=watchlist.member_count - removed
    )
    if removed:
        _touch(watchlist, principal, counts.member_count, clock.now())
        session.flush()
        audit_watchlist(
            session,
            principal,
            watchlist,
            "watchlist.members.remove",
            request_id,
            counts.model_dump(),
        )
    return counts


def remove_one(
    session: Session, principal: Principal, watchlist_id: str, raw_code: str, request_id: str | None
) -> None:
    (code,) = validated_codes([raw_code], "path.credit_code")
    watchlist = locked(session, principal, watchlist_id)
    if not _delete(session, watchlist, [code]):
        raise errors.NOT_A_MEMBER.problem(f"{code} is not on watchlist {watchlist.id}.")
    _touch(watchlist, principal, watchlist.member_count - 1, clock.now())
    session.flush()
    audit_watchlist(
        session,
        principal,
        watchlist,
        "watchlist.members.remove",
        request_id,
        {"removed": 1, "absent": 0, "member_count": watchlist.member_count, "credit_code": code},
    )


def page(
    session: Session,
    principal: Principal,
    watchlist_id: str,
    *,
    listed: bool | None,
    limit: int,
    cursor: str | None,
) -> MembersPage:
    """One page of members in credit-code order, each with its status today: a query for
    the page (filtered by status with a correlated EXISTS) and one for its entries."""
    day = clock.today()
    statement = select(WatchlistMember).where(
        WatchlistMember.watchlist_id == watchlist_id,
        WatchlistMember.organization_id == principal.organization_id,
    )
    if listed is not None:
        condition = status.listed_condition(WatchlistMember.credit_code, day)
        statement = statement.where(condition if listed else ~condition)
    members, next_cursor = paginate(
        session, statement, keys=[WatchlistMember.credit_code], limit=limit, cursor=cursor
    )
    entries = status.entries_in_force(session, [m.credit_code for m in members], day)
    return MembersPage(
        data=[
            MemberOut(
                credit_code=m.credit_code,
                reference=m.reference,
                added_at=m.added_at,
                updated_at=m.updated_at,
                listed=bool(entries.get(m.credit_code)),
                entries=entries.get(m.credit_code, []),
            )
            for m in members
        ],
        next_cursor=next_cursor,
        as_of=day,
    )
