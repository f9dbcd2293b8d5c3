"""Cursor (keyset) pagination: `{"data": [...], "next_cursor": …}` for every list.

A cursor is the sort key of the last row served, encoded opaquely and bound to the list's
ordering. Keyset paging stays stable under concurrent inserts (no row is served twice or
skipped among those that existed) and costs an index seek, not an OFFSET scan.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, literal, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import INVALID_CURSOR, FieldError
from app.core.validators.characters import is_storable, shown

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


LimitParam = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"Page size: {DEFAULT_LIMIT} unless given, at most {MAX_LIMIT}.",
    ),
]
# What encode_cursor writes: unpadded URL-safe base64.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
CursorParam = Annotated[
    str | None,
    Query(
        pattern=CURSOR_PATTERN,
        max_length=512,
        description="`next_cursor` of the previous page.",
    ),
]


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"cannot put {type(value).__name__} in a cursor")


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.fromisoformat(value["dt"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        raise ValueError("unknown cursor value")
    return value


def encode_cursor(ordering: str, values: Sequence[Any]) -> str:
    payload = json.dumps({"o": ordering, "k": [_encode_value(v) for v in values]})
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(ordering: str, cursor: str, width: int) -> list[Any]:
    """The sort key inside `cursor`; 422 if it is not a cursor of this list."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if payload["o"] != ordering or len(payload["k"]) != width:
            raise ValueError("cursor of another list")
        if not all(is_storable(v) for v in payload["k"] if isinstance(v, str)):
            # Our cursors never hold such text: it would reach the database in the query.
            raise ValueError("cursor holds a character no list key has")
        return [_decode_value(v) for v in payload["k"]]
    except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise INVALID_CURSOR.problem(
            "The cursor is not valid for this list; start again without it.",
            errors=[
                FieldError(field="query.cursor", message=shown(str(exc)), code="invalid_cursor")
            ],
        ) from exc


def paginate(
    session: Session,
    statement: Select[Any],
    *,
    keys: Sequence[InstrumentedAttribute[Any]],
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    """One page of `statement`'s entities ordered by `keys` (ascending; the last key unique).

    Returns the rows and the cursor for the next page (None when this page is the last).
    """
    ordering = ",".join(str(key) for key in keys)
    if cursor is not None:
        after = decode_cursor(ordering, cursor, len(keys))
        # Bind each value with its column's type, so instants go through UTCDateTime.
        bound = [literal(value, type_=key.type) for key, value in zip(keys, after, strict=True)]
        statement = statement.where(tuple_(*keys) > tuple_(*bound))
    rows: list[Any] = list(session.scalars(statement.order_by(*keys).limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor(ordering, [getattr(last, key.key) for key in keys])
