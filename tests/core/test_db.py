"""Database plumbing: aware UTC instants on both databases, SQLite set up like a server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

from app.core.config import Settings
from app.core.database import create_db_engine, writer_bind
from app.core.orm import UTCDateTime
from tests.support.databases import scratch_database

SHANGHAI = timezone(timedelta(hours=8))


def _instants_table() -> Table:
    return Table(
        "instants",
        MetaData(),
        Column("id", String(8), primary_key=True),
        Column("at", UTCDateTime()),
    )


def test_instants_come_back_aware_and_in_utc(database_url: str, tmp_path: Path) -> None:
    table = _instants_table()
    with scratch_database(database_url, tmp_path) as url:
        engine = create_db_engine(Settings(), url=url)
        table.create(engine)
        local = datetime(2026, 11, 30, 7, 30, tzinfo=SHANGHAI)
        with engine.begin() as connection:
            connection.execute(insert(table).values(id="a", at=local))
            stored = connection.scalar(select(table.c.at))
        engine.dispose()
    assert stored == datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_instants_are_refused(database_url: str, tmp_path: Path) -> None:
    table = _instants_table()
    with scratch_database(database_url, tmp_path) as url:
        engine = create_db_engine(Settings(), url=url)
        table.create(engine)
        with pytest.raises(StatementError, match="naive datetime"), engine.begin() as connection:
            connection.execute(insert(table).values(id="b", at=datetime(2026, 1, 1)))
        engine.dispose()


def test_sqlite_connections_have_foreign_keys_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_db_engine(
        Settings(sqlite_busy_timeout_ms=1234), url=f"sqlite:///{tmp_path}/x.db"
    )
    with engine.connect() as connection:
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA busy_timeout")) == 1234
    engine.dispose()


def test_sqlite_writers_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    engine = create_db_engine(Settings(sqlite_busy_timeout_ms=0), url=f"sqlite:///{tmp_path}/y.db")
    writer = writer_bind(engine)
    with writer.connect() as first, first.begin():
        first.execute(text("SELECT 1"))
        # A second writer cannot even begin while the first holds the lock: it waits (here,
        # with no busy timeout, it fails at once) instead of failing later, halfway through.
        with writer.connect() as second, pytest.raises(OperationalError, match="locked"):
            second.begin()
    engine.dispose()


def test_a_database_error_does_not_carry_the_statement_parameters(engine: Engine) -> None:
    """Errors are logged with their message; parameters hold personal data (a person's name
    in a failed import's INSERT was logged whole on PostgreSQL)."""
    with pytest.raises(DBAPIError) as raised, engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table WHERE name = :name"), {"name": "张三"})
    assert "张三" not in str(raised.value)
    assert "hidden" in str(raised.value)
