"""The database: its engine (with what SQLite needs to behave like a server database) and
the application's handle on it, with its two kinds of sessions.

SQLite (the embedded default) gets WAL, foreign keys on every connection, a busy timeout,
and `BEGIN IMMEDIATE` for write transactions, so that two writers queue instead of failing
halfway with "database is locked".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import Settings

# Execution option naming the SQLite transaction mode a connection should begin with.
SQLITE_BEGIN_OPTION = "anxin_sqlite_begin"


def create_db_engine(settings: Settings, url: str | None = None) -> Engine:
    """The engine for the configured database (or `url`), with per-dialect setup.

    Statement parameters are kept out of error messages (`hide_parameters`): they carry
    names and other personal data, and a database error is logged with its message.
    """
    url = url or settings.effective_database_url
    if url.startswith("sqlite"):
        return _create_sqlite_engine(url, settings.sqlite_busy_timeout_ms)
    return create_engine(
        url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        pool_pre_ping=True,
        hide_parameters=True,
    )


def _create_sqlite_engine(url: str, busy_timeout_ms: int) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so SQLAlchemy's BEGIN,
        # SAVEPOINT and the IMMEDIATE mode below mean what they say.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writer_bind(engine: Engine) -> Engine:
    """The engine as used by write transactions: on SQLite they take the write lock up front."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
    return engine


def session_factory(engine: Engine, *, write: bool) -> sessionmaker[Session]:
    # expire_on_commit=False: responses are shaped after the commit from the loaded objects.
    bind = writer_bind(engine) if write else engine
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=True)


@dataclass
class Database:
    engine: Engine
    _readers: sessionmaker[Session] = field(init=False)
    _writers: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self._readers = session_factory(self.engine, write=False)
        self._writers = session_factory(self.engine, write=True)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(create_db_engine(settings))

    def session(self, *, write: bool) -> Session:
        """A new session; `write` sessions take the write lock up front on SQLite."""
        return (self._writers if write else self._readers)()

    def dispose(self) -> None:
        self.engine.dispose()
