"""How many rows a DML statement touched, typed: `Session.execute` is typed as returning a
plain `Result`, while UPDATE and DELETE give a `CursorResult` that knows."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rows_changed(result: Result[Any]) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
