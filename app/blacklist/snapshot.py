"""The published blacklist held in memory, so institutions' answers cost no database trip.

The snapshot is the change feed folded up: for every entry, each public version with the
feed number at which the platform learnt it. A reader can so answer "what was in force on
`as_of`" with what the platform knew at `dataset_version` (DESIGN §9: two clocks). A
snapshot never changes; a refresher builds the next one from the changes after its version
and swaps it in, so several API processes each stay in step with the database.
"""

from __future__ import annotations

import bisect
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.blacklist import feed
from app.blacklist.catalog import EntryStatus
from app.blacklist.models import BlacklistChange
from app.blacklist.names import bigrams, name_key
from app.core import clock

logger = logging.getLogger("anxin.blacklist.snapshot")
READ_BATCH = 5000
# The last change's number (the feed's seq is its primary key: an index lookup).
_HEAD = select(func.max(BlacklistChange.seq))


@dataclass(frozen=True)
class PublicVersion:
    """One public state of an entry, as the feed published it."""

    seq: int
    entry_id: str
    credit_code: str
    name_key: str
    effective_from: date
    expires_on: date
    removed_on: date | None
    fields: dict[str, Any]  # the public fields, JSON-ready
    published_on: date  # the business day the feed published this state
    name_pairs: frozenset[str]  # for ranking name searches
    # `fields` serialized once, as a JSON response writes it (compact, not ASCII-escaped):
    # answers splice it in rather than encode every entry again.
    encoded: str = field(repr=False, compare=False)

    @classmethod
    def from_change(cls, change: BlacklistChange) -> PublicVersion:
        public = json.loads(change.entry)
        removed = public.get("removed_on")
        key = name_key(public["subject_name"])
        return cls(
            seq=change.seq,
            entry_id=change.entry_id,
            credit_code=public["credit_code"],
            name_key=key,
            effective_from=date.fromisoformat(public["effective_from"]),
            expires_on=date.fromisoformat(public["expires_on"]),
            removed_on=date.fromisoformat(removed) if removed else None,
            fields=public,
            published_on=change.occurred_at.astimezone(clock.BUSINESS_TZ).date(),
            name_pairs=bigrams(key),
            encoded=json.dumps(public, ensure_ascii=False, separators=(",", ":")),
        )

    def in_force(self, day: date) -> bool:
        """Listed on `day`: from its effective date to its last day, unless removed before.
        Expiry needs no marking to count: the dates decide."""
        if self.fields["status"] not in (
            EntryStatus.PUBLISHED,
            EntryStatus.REMOVED,
            EntryStatus.EXPIRED,
        ):
            return False
        if self.removed_on is not None and day >= self.removed_on:
            return False
        return self.effective_from <= day <= self.expires_on


@dataclass(frozen=True)
class Snapshot:
    dataset_version: int = 0
    versions: dict[str, tuple[PublicVersion, ...]] = field(default_factory=dict)
    by_code: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_name: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name_key → entry ids

    def state(self, entry_id: str, dataset_version: int) -> PublicVersion | None:
        """The entry as known at `dataset_version` (None if not yet published then)."""
        history = self.versions.get(entry_id, ())
        if history and history[-1].seq <= dataset_version:
            return history[-1]  # the usual question: as known now
        position = bisect.bisect_right([v.seq for v in history], dataset_version)
        return history[position - 1] if position else None

    def in_force(self, credit_code: str, day: date, dataset_version: int) -> list[PublicVersion]:
        """Entries about `credit_code` in force on `day`, as known at `dataset_version`."""
        return self._in_force(self.by_code.get(credit_code, ()), day, dataset_version)

    def in_force_by_name(self, key: str, day: date, dataset_version: int) -> list[PublicVersion]:
        """Entries whose subject's name has the key `key` (names.name_key), in force."""
        return self._in_force(self.by_name.get(key, ()), day, dataset_version)

    def in_force_all(self, day: date, dataset_version: int) -> list[PublicVersion]:
        return self._in_force(self.versions, day, dataset_version)

    def _in_force(
        self, entry_ids: Iterable[str], day: date, dataset_version: int
    ) -> list[PublicVersion]:
        found = []
        for entry_id in entry_ids:
            known = self.state(entry_id, dataset_version)
            if known is not None and known.in_force(day):
                found.append(known)
        return found

    def latest(self) -> Iterable[PublicVersion]:
        """Every entry ever published, in its latest public state."""
        return (history[-1] for history in self.versions.values())

    def advanced(self, changes: list[BlacklistChange]) -> Snapshot:
        """A new snapshot with `changes` (consecutive, after this one's version) applied."""
        if not changes:
            return self
        versions = dict(self.versions)
        by_code, by_name = dict(self.by_code), dict(self.by_name)
        for change in changes:
            version = PublicVersion.from_change(change)
            versions[version.entry_id] = (*versions.get(version.entry_id, ()), version)
            # An entry stays findable under every code and name it ever had: an answer "as
            # known at" an earlier version may need the old one.
            for index, key in ((by_code, version.credit_code), (by_name, version.name_key)):
                ids = index.get(key, ())
                if version.entry_id not in ids:
                    index[key] = (*ids, version.entry_id)
        return Snapshot(changes[-1].seq, versions, by_code, by_name)


def read_changes(session: Session, after: int) -> list[BlacklistChange]:
    """Every change after `after`, in order, in batches."""
    changes: list[BlacklistChange] = []
    while True:
        batch = feed.after(session, after, READ_BATCH)
        changes.extend(batch)
        if len(batch) < READ_BATCH:
            return changes
        after = batch[-1].seq


class SnapshotHolder:
    """Keeps `current` up to date: a thread polls the feed's head every `interval` seconds
    and swaps in the next snapshot; requests only read the attribute, never wait on the
    database. Answers name the version they were served from, so staleness is visible."""

    def __init__(self, engine: Engine, interval: float = 0.1) -> None:
        self._engine = engine
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.current = Snapshot()

    def refresh(self) -> Snapshot:
        known = self.current.dataset_version
        # Polled ten times a second in a thread that shares the requests' core: ask for the
        # head with one plain statement, and read changes through the ORM only when there are.
        with self._engine.connect() as connection:
            head = connection.execute(_HEAD).scalar() or 0
        if head <= known:
            return self.current
        with Session(self._engine) as session:
            changes = read_changes(session, known)
        self.current = self.current.advanced(changes)
        return self.current

    def start(self) -> None:
        self.refresh()
        self._thread = threading.Thread(target=self._run, name="blacklist-snapshot", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        failing = False
        while not self._stop.wait(self._interval):
            try:
                self.refresh()
            except Exception:  # a database hiccup must not end the refresher
                # Polled ten times a second: an outage is logged once (with its cause) and
                # its end once, not a traceback every 100 ms.
                if not failing:
                    logger.exception("blacklist snapshot refresh failed; retrying quietly")
                failing = True
                continue
            if failing:
                logger.warning("blacklist snapshot refreshes again")
                failing = False
