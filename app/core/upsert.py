"""Insert a row unless its key exists, atomically, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_if_absent(
    session: Session, model: type[Any], values: Mapping[str, Any], *, key_columns: Sequence[str]
) -> None:
    """`INSERT … ON CONFLICT DO NOTHING`: two transactions creating the same row both succeed
    and then meet on the row lock, instead of one failing with a unique violation."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=key_columns)
    session.execute(statement)
