"""What regulators read of the entries they keep: always narrowed by the policy first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.blacklist.catalog import EntryStatus, ProposalStatus, ReasonCategory
from app.blacklist.models import (
    BlacklistEntry,
    BlacklistEntryEvent,
    BlacklistProposal,
    InstitutionQuery,
)
from app.core.errors import NOT_FOUND
from app.identity import policy
from app.identity.principal import Principal
from app.regions.service import in_subtree


def visible_entry(session: Session, principal: Principal, entry_id: str) -> BlacklistEntry:
    entry = session.scalar(
        select(BlacklistEntry).where(
            BlacklistEntry.id == entry_id,
            policy.can_read_blacklist_entries(principal, BlacklistEntry.region_code),
        )
    )
    if entry is None:
        raise NOT_FOUND.problem(f"No blacklist entry {entry_id}.")
    return entry


def readable(
    principal: Principal,
    *,
    status: EntryStatus | None,
    region: str | None,
    credit_code: str | None,
    reason: ReasonCategory | None,
    effective_from_after: date | None,
) -> Select[BlacklistEntry]:
    statement = select(BlacklistEntry).where(
        policy.can_read_blacklist_entries(principal, BlacklistEntry.region_code)
    )
    for column, value in (
        (BlacklistEntry.status, status),
        (BlacklistEntry.credit_code, credit_code.upper() if credit_code else None),
        (BlacklistEntry.reason, reason),
    ):
        if value is not None:
            statement = statement.where(column == str(value))
    if region:
        statement = statement.where(in_subtree(BlacklistEntry.region_code, region))
    if effective_from_after is not None:
        statement = statement.where(BlacklistEntry.effective_from > effective_from_after)
    return statement


def pending_counts(session: Session, entry_ids: Sequence[str]) -> dict[str, int]:
    """Pending proposals per entry, for a whole page in one query."""
    rows = session.execute(
        select(BlacklistProposal.entry_id, func.count())
        .where(
            BlacklistProposal.entry_id.in_(entry_ids),
            BlacklistProposal.status == ProposalStatus.PENDING.value,
        )
        .group_by(BlacklistProposal.entry_id)
    )
    return {str(entry_id): int(count) for entry_id, count in rows}


def proposals_of(session: Session, entry: BlacklistEntry) -> list[BlacklistProposal]:
    return list(
        session.scalars(
            select(BlacklistProposal)
            .where(BlacklistProposal.entry_id == entry.id)
            .order_by(BlacklistProposal.id)
        )
    )


def events_of(session: Session, entry: BlacklistEntry) -> list[BlacklistEntryEvent]:
    return list(
        session.scalars(
            select(BlacklistEntryEvent)
            .where(BlacklistEntryEvent.entry_id == entry.id)
            .order_by(BlacklistEntryEvent.at, BlacklistEntryEvent.id)
        )
    )


def institution_queries(principal: Principal, kind: str | None) -> Select[InstitutionQuery]:
    """The answers given to the principal's own organization."""
    statement = select(InstitutionQuery).where(
        policy.can_read_organizations(principal, InstitutionQuery.organization_id)
    )
    return statement if kind is None else statement.where(InstitutionQuery.kind == kind)


def institution_query(session: Session, principal: Principal, receipt_id: str) -> InstitutionQuery:
    row = session.scalar(
        select(InstitutionQuery).where(
            InstitutionQuery.id == receipt_id,
            policy.can_read_organizations(principal, InstitutionQuery.organization_id),
        )
    )
    if row is None:
        raise NOT_FOUND.problem(f"No receipt {receipt_id} for your organization.")
    return row
