"""Screening a portfolio and searching by name, from the in-memory snapshot only.

A screening checks up to 1,000 items, each by credit code and/or name; an item that cannot
be checked (a malformed code, nothing to check by) is reported as `invalid` in its place
and the rest of the batch is answered — a bank's nightly run must not fail on one typo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.blacklist.names import bigrams, name_key, similarity
from app.blacklist.snapshot import PublicVersion, Snapshot
from app.core.validators import check_uscc

MAX_ITEMS = 1000
SEARCH_THRESHOLD = 0.35  # below this a "match" is noise (two shared characters of ten)


@dataclass(frozen=True)
class ScreeningItem:
    credit_code: str | None
    name: str | None
    reference: str | None


def _entries(found: dict[str, PublicVersion]) -> list[dict[str, Any]]:
    return [found[key].fields for key in sorted(found)]


def _check(item: ScreeningItem) -> tuple[str | None, str | None, list[dict[str, str]]]:
    """(normalized code, name key, errors) of an item; the code is checked once."""
    code = key = None
    errors = []
    if item.credit_code:
        check = check_uscc(item.credit_code)  # normalizes, and says the normalized code
        code = check.code
        if check.problem is not None:
            errors.append(
                {
                    "field": "credit_code",
                    "code": "invalid_credit_code",
                    "message": f"not a valid credit code ({check.problem})",
                }
            )
    if item.name:
        key = name_key(item.name)
    if code is None and not key:
        errors.append(
            {
                "field": "item",
                "code": "nothing_to_check",
                "message": "give a credit_code, a name, or both",
            }
        )
    return code, key, errors


def _found(
    snapshot: Snapshot, code: str | None, key: str | None, day: date, version: int
) -> tuple[dict[str, PublicVersion], list[str]]:
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
    return found, matched_by


def screen_item(
    snapshot: Snapshot, index: int, item: ScreeningItem, day: date, version: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the item's result, what the receipt records of it)."""
    result: dict[str, Any] = {"index": index, "reference": item.reference}
    code, key, errors = _check(item)
    if errors:
        result.update(status="invalid", errors=errors, listed=None, matched_by=[], entries=[])
        return result, {"index": index, "invalid": True}
    found, matched_by = _found(snapshot, code, key, day, version)
    listed = bool(found)
    result.update(
        status="listed" if listed else "not_listed",
        listed=listed,
        credit_code=code,
        matched_by=matched_by,
        entries=_entries(found),
    )
    return result, _recorded(index, found)


def _recorded(index: int, found: dict[str, PublicVersion]) -> dict[str, Any]:
    return {
        "index": index,
        "listed": bool(found),
        "entries": [[v.entry_id, v.fields["version"]] for _, v in sorted(found.items())],
    }


def screen(
    snapshot: Snapshot, items: list[ScreeningItem], day: date, version: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    results, recorded = [], []
    for index, item in enumerate(items):
        result, record = screen_item(snapshot, index, item, day, version)
        results.append(result)
        recorded.append(record)
    return results, recorded


# The results are most of a screening's answer (1,000 of them, with entries): encoded here
# piece by piece, each entry as the snapshot encoded it once, rather than by one json.dumps
# of the whole tree. Same JSON as `screen`'s results give (ScreeningResult).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_MATCHED_BY = {
    (): "[]",
    ("credit_code",): '["credit_code"]',
    ("name",): '["name"]',
    ("credit_code", "name"): '["credit_code","name"]',
}


def _string_or_null(value: str | None) -> str:
    # json.encoder.encode_basestring is what JSONEncoder(ensure_ascii=False) uses for a str.
    return "null" if value is None else json.encoder.encode_basestring(value)


def screen_encoded(
    snapshot: Snapshot, items: list[ScreeningItem], day: date, version: int
) -> tuple[str, list[dict[str, Any]]]:
    """(the results as a JSON array, what the receipt records of each item)."""
    parts, recorded = [], []
    for index, item in enumerate(items):
        head = f'{{"index":{index},"reference":{_string_or_null(item.reference)},'
        code, key, errors = _check(item)
        if errors:
            parts.append(
                f'{head}"status":"invalid","errors":{_ENCODE(errors)},'
                '"listed":null,"matched_by":[],"entries":[]}'
            )
            recorded.append({"index": index, "invalid": True})
            continue
        found, matched_by = _found(snapshot, code, key, day, version)
        entries = ",".join(found[entry_id].encoded for entry_id in sorted(found))
        status = '"listed","listed":true' if found else '"not_listed","listed":false'
        parts.append(
            f'{head}"status":{status},"credit_code":{_string_or_null(code)},'
            f'"matched_by":{_MATCHED_BY[tuple(matched_by)]},"entries":[{entries}]}}'
        )
        recorded.append(_recorded(index, found))
    return f"[{','.join(parts)}]", recorded


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
