"""Members' blacklist status today, from the entries table with set-based queries.

"In force on a day" is the definition the institutions' lookups answer with
(`app.blacklist.snapshot.PublicVersion.in_force`), written as SQL: a published entry
(or one removed or expired since) counts from `effective_from` to `expires_on`, its last
day listed, unless removed before (`removed_on` is the first day no longer listed).
Entries never published (proposed, withdrawn) never count. A test holds the two equal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.blacklist.catalog import PUBLIC_STATUSES
from app.blacklist.models import BlacklistEntry
from app.watchlists.schemas import ListedEntry

# Statuses an entry can have once it has been public.
ONCE_PUBLIC = tuple(status.value for status in PUBLIC_STATUSES)


def in_force(day: date) -> ColumnElement[bool]:
    """Entries listed on `day` (see the module docstring)."""
    return and_(
        BlacklistEntry.status.in_(ONCE_PUBLIC),
        BlacklistEntry.effective_from <= day,
        BlacklistEntry.expires_on >= day,
        or_(BlacklistEntry.removed_on.is_(None), BlacklistEntry.removed_on > day),
    )


def listed_condition(code: InstrumentedAttribute[str], day: date) -> ColumnElement[bool]:
    """True for rows whose credit code has an entry in force on `day` (a correlated EXISTS,
    so a filter on it stays one query over the page)."""
    return exists().where(BlacklistEntry.credit_code == code, in_force(day))


def entries_in_force(
    session: Session, credit_codes: Sequence[str], day: date
) -> dict[str, list[ListedEntry]]:
    """The entries in force on `day` for each of `credit_codes` (at most a page): one query."""
    found: dict[str, list[ListedEntry]] = defaultdict(list)
    if not credit_codes:
        return found
    rows = session.scalars(
        select(BlacklistEntry)
        .where(BlacklistEntry.credit_code.in_(sorted(set(credit_codes))), in_force(day))
        .order_by(BlacklistEntry.credit_code, BlacklistEntry.effective_from, BlacklistEntry.id)
    )
    for entry in rows:
        found[entry.credit_code].append(
            ListedEntry(
                id=entry.id,
                version=entry.public_version,
                subject_name=entry.subject_name,
                reason=entry.reason,
                legal_basis=entry.legal_basis,
                deciding_authority=entry.deciding_authority,
                decision_number=entry.decision_number,
                effective_from=entry.effective_from,
                expires_on=entry.expires_on,
                removed_on=entry.removed_on,
            )
        )
    return found
