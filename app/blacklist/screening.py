"""Screening a portfolio and searching by name, from the in-memory snapshot only.

A screening checks up to 1,000 items, each by credit code and/or name; an item that cannot
be checked (a malformed code, nothing to check by) is reported as `invalid` in its place
and the rest of the batch is answered — a bank's nightly run must not fail on one typo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from app.blacklist.names import bigrams, name_key, similarity
from app.blacklist.snapshot import PublicVersion, Snapshot
from app.core.validators import check_uscc

SEARCH_THRESHOLD = 0.35  # below this a "match" is noise (two shared characters of ten)


@dataclass(frozen=True)
class ScreeningItem:
    credit_code: str | None
    name: str | None
    reference: str | None


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
) -> tuple[str, str]:
    """(the results as a JSON array, the receipt's answer in canonical JSON).

    The answer records each item as `{"entries":[[id,version]…],"index":i,"listed":b}`, or
    `{"index":i,"invalid":true}`: written out in canonical form (keys sorted, compact), as
    receipts.canonical_json would write it, without a thousand dicts to build and sort."""
    parts, recorded = [], []
    for index, item in enumerate(items):
        head = f'{{"index":{index},"reference":{_string_or_null(item.reference)},'
        code, key, errors = _check(item)
        if errors:
            parts.append(
                f'{head}"status":"invalid","errors":{_ENCODE(errors)},'
                '"listed":null,"matched_by":[],"entries":[]}'
            )
            recorded.append(f'{{"index":{index},"invalid":true}}')
            continue
        found, matched_by = _found(snapshot, code, key, day, version)
        ids = sorted(found)
        entries = ",".join(found[entry_id].encoded for entry_id in ids)
        status = '"listed","listed":true' if found else '"not_listed","listed":false'
        parts.append(
            f'{head}"status":{status},"credit_code":{_string_or_null(code)},'
            f'"matched_by":{_MATCHED_BY[tuple(matched_by)]},"entries":[{entries}]}}'
        )
        pairs = ",".join(f'["{i}",{int(found[i].fields["version"])}]' for i in ids)
        listed = "true" if found else "false"
        recorded.append(f'{{"entries":[{pairs}],"index":{index},"listed":{listed}}}')
    return f"[{','.join(parts)}]", f'{{"items":[{",".join(recorded)}]}}'


def query_json(items: list[ScreeningItem], as_of: date, requested_version: int | None) -> str:
    """The receipt's query in canonical JSON: each item as [credit code, name], as given."""
    version = "null" if requested_version is None else str(int(requested_version))
    pairs = _ENCODE([[item.credit_code, item.name] for item in items])
    return f'{{"as_of":"{as_of.isoformat()}","dataset_version":{version},"items":{pairs}}}'


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
