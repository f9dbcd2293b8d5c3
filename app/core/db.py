"""Database engine, sessions and the declarative base shared by every domain's models.

SQLite (the embedded default) gets what it needs to behave like a server database: WAL,
foreign keys on every connection, a busy timeout, and `BEGIN IMMEDIATE` for write transactions
so that two writers queue instead of failing halfway with "database is locked".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, Integer, MetaData, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, sessionmaker
from sqlalchemy.orm import Session as Session
from sqlalchemy.types import TypeDecorator

from app.core.config import Settings

# Stable constraint names: Alembic can only drop or alter what it can name, on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Execution option naming the SQLite transaction mode a connection should begin with.
SQLITE_BEGIN_OPTION = "anxin_sqlite_begin"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """A row with a version counter that SQLAlchemy bumps and checks on every UPDATE.

    The counter feeds the ETag; an UPDATE against a changed row matches nothing and raises
    StaleDataError, which the API answers with 412 — a lost update cannot slip through even
    between the If-Match check and the write.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a class-level directive)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC that always comes back aware, on SQLite and PostgreSQL alike.

    PostgreSQL keeps `timestamptz`; SQLite has no time zones, so values are stored as naive
    UTC and given their zone back on the way out. Naive input is refused: it is always a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


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
