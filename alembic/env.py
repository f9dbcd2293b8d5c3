"""Alembic environment: the app's metadata, batch mode on SQLite, foreign keys checked after."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from app.core.config import Settings
from app.core.database import create_db_engine
from app.core.orm import UTCDateTime
from app.models import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    engine = create_db_engine(Settings(), url=url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations rebuild tables; with foreign keys on, dropping the old copy would
        # cascade or fail. The pragma only works outside a transaction, hence here.
        _raw_pragma(connection, "PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=sqlite,
        # Our SQLite connections control BEGIN themselves, so DDL there is transactional too:
        # a failed migration leaves the schema as it was.
        transactional_ddl=True,
        compare_type=True,
        compare_server_default=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    if sqlite:
        _raw_pragma(connection, "PRAGMA foreign_keys=ON")


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations spell plain SQLAlchemy types, so old revisions never import app code
    # that may change later.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _raw_pragma(connection, pragma: str) -> None:  # type: ignore[no-untyped-def]
    # Through the driver, not SQLAlchemy: SQLAlchemy would open a transaction first, and
    # SQLite ignores this pragma inside one.
    connection.connection.driver_connection.execute(pragma)


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
