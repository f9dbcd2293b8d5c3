"""Screening a portfolio and searching by name, from the in-memory snapshot only.

A screening checks up to 1,000 items, each by credit code and/or name; an item that cannot
be checked (a malformed code, nothing to check by) is reported as `invalid` in its place
and the rest of the batch is answered — a bank's nightly run must not fail on one typo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.blacklist.names import bigrams, name_key, similarity
from app.blacklist.snapshot import PublicVersion, Snapshot
from app.core.validators import check_uscc, normalize_code

MAX_ITEMS = 1000
SEARCH_THRESHOLD = 0.35  # below this a "match" is noise (two shared characters of ten)


@dataclass(frozen=True)
class ScreeningItem:
    credit_code: str | None
    name: str | None
    reference: str | None


def _entries(found: dict[str, PublicVersion]) -> list[dict[str, Any]]:
    return [found[key].fields for key in sorted(found)]


def screen_item(
    snapshot: Snapshot, index: int, item: ScreeningItem, day: date, version: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the item's result, what the receipt records of it)."""
    result: dict[str, Any] = {"index": index, "reference": item.reference}
    code = normalize_code(item.credit_code) if item.credit_code else None
    key = name_key(item.name) if item.name else None
    errors = []
    if code is not None and check_uscc(code).problem is not None:
        errors.append(
            {
                "field": "credit_code",
                "code": "invalid_credit_code",
                "message": f"not a valid credit code ({check_uscc(code).problem})",
            }
        )
    if code is None and not key:
        errors.append(
            {
                "field": "item",
                "code": "nothing_to_check",
                "message": "give a credit_code, a name, or both",
            }
        )
    if errors:
        result.update(status="invalid", errors=errors, listed=None, matched_by=[], entries=[])
        return result, {"index": index, "invalid": True}
    found: dict[str, PublicVersion] = {}
    matched_by = []
    if code is not None:
        by_code = snapshot.in_force(code, day, version)
        found.update((v.entry_id, v) for v in by_code)
        if by_code:
            matched_by.append("credit_code")
    if key:
        by_name = snapshot.in_force_by_name(key, day, version)
        found.update((v.entry_id, v) for v in by_name)
        if by_name:
            matched_by.append("name")
    listed = bool(found)
    result.update(
        status="listed" if listed else "not_listed",
        listed=listed,
        credit_code=code,
        matched_by=matched_by,
        entries=_entries(found),
    )
    recorded = {
        "index": index,
        "listed": listed,
        "entries": [[v.entry_id, v.fields["version"]] for _, v in sorted(found.items())],
    }
    return result, recorded


def screen(
    snapshot: Snapshot, items: list[ScreeningItem], day: date, version: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    results, recorded = [], []
    for index, item in enumerate(items):
        result, record = screen_item(snapshot, index, item, day, version)
        results.append(result)
        recorded.append(record)
    return results, recorded


def search(
    snapshot: Snapshot, query: str, day: date, version: int, limit: int
) -> list[tuple[float, PublicVersion]]:
    """Entries in force whose subject's name resembles `query`, best first."""
    key = name_key(query)
    pairs = bigrams(key)
    scored = [
        (round(similarity(key, pairs, v.name_key, v.name_pairs), 3), v)
        for v in snapshot.in_force_all(day, version)
    ]
    ranked = sorted(
        ((score, v) for score, v in scored if score >= SEARCH_THRESHOLD),
        key=lambda pair: (-pair[0], pair[1].entry_id),
    )
    return ranked[:limit]
