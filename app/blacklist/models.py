"""Tables of the blacklist: entries, pending changes to published ones, each entry's history,
and the public change feed with its head (the feed's only writer lock)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime, Versioned


class BlacklistEntry(Versioned, Base):
    """A listing (严重失信主体名单) under article 21: its current state. A published entry
    is never edited in place; corrections and removals are proposals a second person
    approves, and every state is kept in the history and, once public, in the feed."""

    __tablename__ = "blacklist_entries"
    __table_args__ = (Index("ix_blacklist_entries_region_status", "region_code", "status"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # Where the subject sits, inside the proposing regulator's subtree (DESIGN §9).
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    regulator_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    subject_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # normalized for search
    legal_representative: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(40))
    legal_basis: Mapped[str] = mapped_column(String(20))
    facts: Mapped[str] = mapped_column(Text)
    deciding_authority: Mapped[str] = mapped_column(String(200))
    decision_number: Mapped[str] = mapped_column(String(100))
    # The administrative penalty decision the listing rests on (order 11 art. 3: required
    # for new listings under it; older rows may lack it).
    penalty_decision_number: Mapped[str | None] = mapped_column(String(100))
    penalty_decided_on: Mapped[date | None] = mapped_column(Date)
    penalty_authority: Mapped[str | None] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)
    listing_months: Mapped[int] = mapped_column(Integer)
    expires_on: Mapped[date] = mapped_column(Date, index=True)  # the last day listed
    # JSON list of {role, name, id_number_ciphertext, id_number_masked}; public: role, name.
    responsible_people: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), index=True)
    public_version: Mapped[int] = mapped_column(Integer)  # 0 until published
    proposed_by: Mapped[str] = mapped_column(String(40))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_by: Mapped[str | None] = mapped_column(String(40))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_on: Mapped[date | None] = mapped_column(Date)  # the first day no longer listed
    removal_reason: Mapped[str | None] = mapped_column(String(20))
    removal_basis: Mapped[str | None] = mapped_column(Text)
    # JSON list of {condition, evidence}: what an early removal (credit repair) relied on.
    repair_conditions: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BlacklistProposal(Base):
    """A change waiting for four eyes: a correction or removal of a published entry, or the
    restoration of one removed early by deceit."""

    __tablename__ = "blacklist_proposals"
    __table_args__ = (Index("ix_blacklist_proposals_entry", "entry_id", "status"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("blacklist_entries.id"))
    kind: Mapped[str] = mapped_column(String(12))
    changes: Mapped[str] = mapped_column(Text)  # JSON: the fields a correction sets
    reason: Mapped[str] = mapped_column(Text)  # why: the correction's reason, the removal basis
    removal_reason: Mapped[str | None] = mapped_column(String(20))
    removed_on: Mapped[date | None] = mapped_column(Date)
    repair_conditions: Mapped[str | None] = mapped_column(Text)  # JSON, as on the entry
    deceit: Mapped[str | None] = mapped_column(String(20))  # a restoration's ground
    status: Mapped[str] = mapped_column(String(10))
    proposed_by: Mapped[str] = mapped_column(String(40))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)


class BlacklistEntryEvent(Base):
    """One step of an entry's life, public or not, with the full state after it (ID numbers
    only masked): `…/entries/{id}/history`."""

    __tablename__ = "blacklist_entry_events"
    __table_args__ = (Index("ix_blacklist_entry_events_entry", "entry_id", "at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("blacklist_entries.id"))
    action: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[str | None] = mapped_column(String(40))  # None: the platform (expiry)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    proposal_id: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(Text)  # JSON
    change_seq: Mapped[int | None] = mapped_column(Integer)  # its feed entry, when public


class BlacklistChange(Base):
    """The public change feed: every publish, correction, removal and expiry, numbered
    without gaps in commit order (see `feed.append`). Its last number is the dataset
    version."""

    __tablename__ = "blacklist_changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(ForeignKey("blacklist_entries.id"), index=True)
    entry_version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(12))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    entry: Mapped[str] = mapped_column(Text)  # JSON: the public fields after the change


class BlacklistFeedHead(Base):
    """One row: the last feed number handed out. Taking the next number updates this row,
    which locks it until COMMIT, so numbers are taken and committed in the same order."""

    __tablename__ = "blacklist_feed_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class InstitutionQuery(Base):
    """One answer given to an institution, with its signed receipt. Append-only and not
    hash-chained (DESIGN §9): written in batches off the hot path; the receipt the bank holds
    is its proof. Its id is the receipt id."""

    __tablename__ = "institution_queries"
    __table_args__ = (Index("ix_institution_queries_organization", "organization_id", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(40))
    principal_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))
    query: Mapped[str] = mapped_column(Text)  # JSON: the canonical query
    answer: Mapped[str] = mapped_column(Text)  # JSON: listed flags and entry ids
    as_of: Mapped[date] = mapped_column(Date)
    dataset_version: Mapped[int] = mapped_column(Integer)
    receipt: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
