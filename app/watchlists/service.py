"""Watchlists themselves: create, read, rename, delete; and who watches which codes.

Every read starts from the caller's own organization (`readable`), so another
organization's list is simply not found. Member writes live in `members.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import clock
from app.core.errors import NOT_FOUND, FieldError, Problem
from app.core.ids import new_id
from app.identity.auditing import audit
from app.identity.principal import Principal
from app.watchlists.errors import WATCHLIST_NAME_TAKEN
from app.watchlists.models import Watchlist, WatchlistMember
from app.watchlists.schemas import WatchlistIn, WatchlistPatch

# Bound parameters per IN (...) list; SQLite and drivers have limits.
IN_CHUNK = 500


@dataclass(frozen=True)
class Watcher:
    """An organization watching a credit code on one of its live lists."""

    organization_id: str
    watchlist_id: str
    credit_code: str
    reference: str | None


def readable(principal: Principal) -> Select[Watchlist]:
    """The live lists the principal may see: its own organization's."""
    return select(Watchlist).where(
        Watchlist.organization_id == principal.organization_id,
        Watchlist.deleted_at.is_(None),
    )


def visible(session: Session, principal: Principal, watchlist_id: str) -> Watchlist:
    watchlist = session.scalar(readable(principal).where(Watchlist.id == watchlist_id))
    if watchlist is None:
        raise NOT_FOUND.problem(f"No watchlist {watchlist_id}.")
    return watchlist


def locked(session: Session, principal: Principal, watchlist_id: str) -> Watchlist:
    """The list, row-locked: member writes of one list queue here, so the member count and
    the cap hold however many requests run at once (SQLite's writers queue anyway)."""
    # populate_existing: the row may already be in the session (the route's access check
    # read it before the lock); what counts is the state read under the lock.
    watchlist = session.scalar(
        readable(principal)
        .where(Watchlist.id == watchlist_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if watchlist is None:
        raise NOT_FOUND.problem(f"No watchlist {watchlist_id}.")
    return watchlist


def _name_taken(name: str) -> Problem:
    return WATCHLIST_NAME_TAKEN.problem(
        f"Your organization already has a watchlist named {name!r}.",
        errors=[FieldError(field="body.name", message="already in use", code="name_taken")],
    )


def _check_name_free(session: Session, principal: Principal, name: str, own_id: str) -> None:
    clash = session.scalar(
        readable(principal).where(Watchlist.name == name, Watchlist.id != own_id)
    )
    if clash is not None:
        raise _name_taken(name)


def _flush_unique(session: Session, name: str) -> None:
    # The partial unique index is the backstop for two requests racing past the check.
    try:
        session.flush()
    except IntegrityError as exc:
        raise _name_taken(name) from exc


def audit_watchlist(
    session: Session,
    principal: Principal,
    watchlist: Watchlist,
    action: str,
    request_id: str | None,
    changes: dict[str, Any],
) -> None:
    audit(
        session,
        actor=principal,
        action=action,
        resource_type="watchlist",
        resource_id=watchlist.id,
        subject_organization_id=watchlist.organization_id,
        request_id=request_id,
        changes=changes,
    )


def create(
    session: Session, principal: Principal, data: WatchlistIn, request_id: str | None
) -> Watchlist:
    _check_name_free(session, principal, data.name, "")
    now = clock.now()
    watchlist = Watchlist(
        id=new_id("wl"),
        version=1,
        organization_id=principal.organization_id,
        name=data.name,
        description=data.description,
        member_count=0,
        created_at=now,
        updated_at=now,
        created_by=principal.id,
        updated_by=principal.id,
    )
    session.add(watchlist)
    _flush_unique(session, data.name)
    audit_watchlist(
        session,
        principal,
        watchlist,
        "watchlist.create",
        request_id,
        {"name": watchlist.name, "description": watchlist.description},
    )
    return watchlist


def update(
    session: Session,
    principal: Principal,
    watchlist: Watchlist,
    data: WatchlistPatch,
    request_id: str | None,
) -> Watchlist:
    """Apply the fields given; a patch that changes nothing leaves the version alone."""
    changes = {
        field: value
        for field, value in data.model_dump(exclude_unset=True).items()
        if getattr(watchlist, field) != value
    }
    if "name" in changes and changes["name"] is None:
        del changes["name"]  # a name cannot be removed, only changed
    if not changes:
        return watchlist
    if "name" in changes:
        _check_name_free(session, principal, changes["name"], watchlist.id)
    for field, value in changes.items():
        setattr(watchlist, field, value)
    watchlist.updated_at = clock.now()
    watchlist.updated_by = principal.id
    _flush_unique(session, watchlist.name)
    audit_watchlist(session, principal, watchlist, "watchlist.update", request_id, changes)
    return watchlist


def delete(
    session: Session, principal: Principal, watchlist: Watchlist, request_id: str | None
) -> None:
    """Soft delete: the list and its members stay in the database, out of every answer and
    of the notification fan-out; its name is free again."""
    now = clock.now()
    watchlist.deleted_at = now
    watchlist.updated_at = now
    watchlist.updated_by = principal.id
    session.flush()
    audit_watchlist(
        session,
        principal,
        watchlist,
        "watchlist.delete",
        request_id,
        {"name": watchlist.name, "member_count": watchlist.member_count},
    )


def watchers_of(session: Session, credit_codes: Collection[str]) -> dict[str, list[Watcher]]:
    """Who watches each of `credit_codes` on a live list: every code asked for is a key
    (an empty list when nobody does), watchers ordered by organization and list.

    One query (per 500 codes), through the index on `watchlist_members.credit_code`."""
    codes = sorted(set(credit_codes))
    found: dict[str, list[Watcher]] = defaultdict(list)
    for start in range(0, len(codes), IN_CHUNK):
        rows = session.execute(
            select(
                WatchlistMember.organization_id,
                WatchlistMember.watchlist_id,
                WatchlistMember.credit_code,
                WatchlistMember.reference,
            )
            .join(Watchlist, Watchlist.id == WatchlistMember.watchlist_id)
            .where(
                WatchlistMember.credit_code.in_(codes[start : start + IN_CHUNK]),
                Watchlist.deleted_at.is_(None),
            )
            .order_by(
                WatchlistMember.credit_code,
                WatchlistMember.organization_id,
                WatchlistMember.watchlist_id,
            )
        )
        for organization_id, watchlist_id, code, reference in rows:
            found[code].append(Watcher(organization_id, watchlist_id, code, reference))
    return {code: found.get(code, []) for code in codes}
