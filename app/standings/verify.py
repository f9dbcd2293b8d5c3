"""Recompute standings and compare them with the stored ones: a standing that is missing,
one stored for an enterprise that should have none, and one whose verdict differs from what
a live evaluation says today are all drift."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.enterprises.models import Enterprise
from app.standings.computed import Computed, Item
from app.standings.models import EnterpriseStanding, StandingItem
from app.standings.refresh import CHUNK_SIZE, judged
from app.standings.scope import stored_in, verified

COUNTS = ("n_pass", "n_fail", "n_unknown", "n_na", "fail_critical", "fail_major", "fail_minor")
COMPARED = ("status", "region_code", "industry_section", *COUNTS)


@dataclass(frozen=True)
class Difference:
    """What differs for one enterprise: each field's stored and recomputed value."""

    enterprise_id: str
    changes: dict[str, tuple[Any, Any]]


@dataclass
class Drift:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # verified, but no row
    extra: list[str] = field(default_factory=list)  # a row, but not a verified enterprise
    differing: list[Difference] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.differing)


def verify(session: Session, region_code: str | None, today: date) -> Drift:
    """Every verified enterprise of the subtree (or all) judged as of `today` and compared
    with its stored standing, a chunk at a time."""
    drift = Drift()
    current: set[str] = set()
    statement = verified(region_code)
    after: str | None = None
    while True:
        page = statement if after is None else statement.where(Enterprise.id > after)
        chunk = list(session.scalars(page.limit(CHUNK_SIZE)).unique())
        if not chunk:
            break
        current.update(e.id for e in chunk)
        _compare_chunk(session, list(judged(session, chunk, today)), today, drift)
        after = chunk[-1].id
    drift.extra = sorted(set(session.scalars(stored_in(region_code))) - current)
    return drift


def _compare_chunk(
    session: Session, computed: Sequence[Computed], today: date, drift: Drift
) -> None:
    ids = [c.enterprise_id for c in computed]
    rows = {
        row.enterprise_id: row
        for row in session.scalars(
            select(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(ids))
        )
    }
    items: dict[str, set[Item]] = {}
    for item in session.scalars(select(StandingItem).where(StandingItem.enterprise_id.in_(ids))):
        items.setdefault(item.enterprise_id, set()).add(
            Item(item.kind, item.key, item.pack_id, item.status, item.severity)
        )
    for standing in computed:
        drift.checked += 1
        row = rows.get(standing.enterprise_id)
        if row is None:
            drift.missing.append(standing.enterprise_id)
            continue
        changes = _changes(row, items.get(standing.enterprise_id, set()), standing, today)
        if changes:
            drift.differing.append(Difference(standing.enterprise_id, changes))


def _changes(
    row: EnterpriseStanding, items: set[Item], standing: Computed, today: date
) -> dict[str, tuple[Any, Any]]:
    expected = standing.row()
    changes = {
        name: (getattr(row, name), expected[name])
        for name in COMPARED
        if getattr(row, name) != expected[name]
    }
    for name, value in (("failing_rules", standing.failing_rules), ("packs", standing.packs)):
        if json.loads(getattr(row, name)) != value:
            changes[name] = (json.loads(getattr(row, name)), value)
    if items != standing.items:
        changes["items"] = (_names(items - standing.items), _names(standing.items - items))
    # A standing computed on an earlier day holds only until its `stable_until`; one computed
    # today must name the same date as a live evaluation.
    if row.as_of == today:
        if row.stable_until != standing.stable_until:
            changes["stable_until"] = (row.stable_until, standing.stable_until)
    elif row.stable_until is not None and row.stable_until <= today:
        changes["stable_until"] = (row.stable_until, standing.stable_until)
    return changes


def _names(items: set[Item] | frozenset[Item]) -> list[str]:
    return sorted(f"{i.kind}:{i.key}={i.status}/{i.severity}" for i in items)
