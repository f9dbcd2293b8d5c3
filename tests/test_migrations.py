"""Migrations: they round-trip on this lane's database and match the models exactly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine

from app.core import migrations
from app.models import metadata
from tests.support.databases import scratch_database, table_names


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return table_names(engine) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(database_url: str, tmp_path: Path) -> None:
    expected = set(metadata.tables)
    with scratch_database(database_url, tmp_path) as url:
        migrations.upgrade(url)
        assert _tables(url) == expected
        migrations.downgrade(url, "base")
        assert _tables(url) == set()
        migrations.upgrade(url)
        assert _tables(url) == expected


def test_models_and_migrations_do_not_drift(database_url: str, tmp_path: Path) -> None:
    with scratch_database(database_url, tmp_path) as url:
        migrations.upgrade(url)
        engine: Engine = create_engine(url)
        try:
            with engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "compare_server_default": True}
                )
                differences = compare_metadata(context, metadata)
        finally:
            engine.dispose()
    assert differences == []
