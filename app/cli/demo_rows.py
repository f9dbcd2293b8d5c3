"""Rows of generated records collected per table, then written with Core bulk inserts.

Each record gets the common record columns and its first history entry exactly as the import
path writes them (`app/registry/imports/service.py`): version 1, the kind's own snapshot as
the history data (so history hides what the kind hides), action `import`.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.audit_chain import canonical_json
from app.enterprises.models import Enterprise
from app.identity.models import Organization
from app.registry.base import RecordVersion
from app.registry.kinds import RecordKind
from app.registry.people.models import PersonExposure, PersonJobChange

HISTORY_ACTION = "import"
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]  # 10 bits → 2 characters
_SHIFTS = tuple(range(120, -1, -10))  # 13 pairs: 130 bits, the top 2 always zero
# Parents before children: the order foreign keys need within one transaction.
_PARENTS: tuple[type[Any], ...] = (Organization, Enterprise)
_CHILDREN: tuple[type[Any], ...] = (PersonExposure, PersonJobChange)


class Rows:
    """Everything one transaction will insert: organizations, profiles, records, history."""

    def __init__(self, principal_id: str, now: datetime, request_id: str) -> None:
        self.principal_id = principal_id
        self.now = now
        self._millis = int(now.timestamp() * 1000) << 80
        # Ids only need to be unique, not unpredictable (access is checked, never guessed).
        self._random = random.Random(os.urandom(16))  # noqa: S311
        self.request_id = request_id
        self.tables: dict[type[Any], list[dict[str, Any]]] = {}  # by model
        self.versions: list[dict[str, Any]] = []
        self.kinds: Counter[str] = Counter()

    def new_id(self, prefix: str) -> str:
        """An id in the format of `app.core.ids.new_id` (48 bits of milliseconds, 80 random
        bits, 26 Crockford base32 characters), several times faster: a district takes
        millions of them. The rows of one chunk share its instant."""
        value = self._millis | self._random.getrandbits(80)
        return prefix + "_" + "".join([_PAIRS[(value >> s) & 1023] for s in _SHIFTS])

    def add_row(self, model: type[Any], values: dict[str, Any]) -> None:
        self.tables.setdefault(model, []).append(values)

    def add(
        self,
        kind: RecordKind[Any],
        enterprise_id: str,
        values: dict[str, Any],
        shown: dict[str, Any] | None = None,
    ) -> str:
        """Queue one record and its first history entry; returns its id. `shown` holds
        attributes the snapshot reads besides the columns (a person's exposures)."""
        record_id = self.new_id(kind.id_prefix)
        self.add_row(
            kind.model,
            {
                "id": record_id,
                "enterprise_id": enterprise_id,
                "version": 1,
                "created_at": self.now,
                "updated_at": self.now,
                "created_by": self.principal_id,
                "updated_by": self.principal_id,
                **values,
            },
        )
        # The kind's snapshot reads attributes; a namespace stands in for the ORM object,
        # whose columns the demo leaves unset are null.
        unset = {column.key: None for column in kind.model.__table__.columns}
        state = kind.snapshot(
            SimpleNamespace(**{**unset, **values, **(shown or {}), "deleted_at": None})
        )
        self.versions.append(
            {
                "id": self.new_id("rv"),
                "enterprise_id": enterprise_id,
                "record_type": kind.resource_type,
                "record_id": record_id,
                "version": 1,
                "action": HISTORY_ACTION,
                "data": canonical_json(state),
                "changed_by": self.principal_id,
                "changed_at": self.now,
                "request_id": self.request_id,
            }
        )
        self.kinds[kind.resource_type] += 1
        return record_id

    def counts(self) -> dict[str, int]:
        """Rows per table (history included), for progress and the audit event."""
        counts = {model.__tablename__: len(rows) for model, rows in self.tables.items()}
        counts[RecordVersion.__tablename__] = len(self.versions)
        return counts

    def write(self, session: Session) -> None:
        """Bulk-insert everything (executemany per table) in dependency order."""
        ordered = [m for m in _PARENTS if m in self.tables]
        ordered += [m for m in self.tables if m not in _PARENTS and m not in _CHILDREN]
        ordered += [m for m in _CHILDREN if m in self.tables]
        for model in _sorted_for_references(ordered):
            session.execute(insert(model), self.tables[model])
        if self.versions:
            session.execute(insert(RecordVersion), self.versions)


def _sorted_for_references(models: list[type[Any]]) -> list[type[Any]]:
    """Tables referenced by others first (people before the records naming them, sessions
    before attendances), keeping the given order otherwise."""
    placed: list[type[Any]] = []
    pending = list(models)
    while pending:
        for model in pending:
            targets = {fk.column.table for fk in model.__table__.foreign_keys}
            if not any(m.__table__ in targets for m in pending if m is not model):
                placed.append(model)
                pending.remove(model)
                break
        else:  # pragma: no cover (the schema has no reference cycles)
            raise RuntimeError("reference cycle among generated tables")
    return placed
