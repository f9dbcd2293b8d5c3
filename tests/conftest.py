"""Fixtures shared by the whole suite: the lane's database, the app and its client.

The app runs exactly as in production (its own engine, sessions and commits); each test
starts from empty tables: rows are deleted after every test, in dependency order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from app.core import keys, migrations
from app.core.config import Settings
from app.main import create_app
from app.models import metadata
from tests.support import notes
from tests.support.databases import lane_name, lane_url
from tests.support.world import World, build_world


def pytest_report_header() -> str:
    return f"anxin test lane: {lane_name()}"


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("anxin")


@pytest.fixture(scope="session")
def database_url(session_dir: Path) -> str:
    url = lane_url(session_dir)
    migrations.upgrade(url)
    engine = create_engine(url)
    notes.TestBase.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def keys_dir(session_dir: Path) -> Path:
    directory = session_dir / "keys"
    keys.ensure_keys(directory)
    return directory


@pytest.fixture(scope="session")
def settings(database_url: str, keys_dir: Path, session_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        var_dir=session_dir / "var",
        keys_dir=keys_dir,
        log_json=True,
        max_body_bytes=64 * 1024,
        # Cheap hashes keep the suite fast; production cost is the default (t=3, 64 MiB).
        password_hash_time_cost=1,
        password_hash_memory_kib=8192,
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    application = create_app(settings)
    application.include_router(notes.router)
    return application


@pytest.fixture(scope="session")
def engine(app: FastAPI) -> Engine:
    return app.state.database.engine  # type: ignore[no-any-return]


@pytest.fixture
def client(app: FastAPI, engine: Engine, seeded_rows: dict[str, set[str]]) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    _empty_all_tables(engine, seeded_rows)


# Rows that migrations seed (reference data) survive the cleanup between tests.
SEEDED_KEYS = {"regions": "code"}


@pytest.fixture(scope="session")
def seeded_rows(database_url: str) -> dict[str, set[str]]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        seeded = {
            table: {
                row[0]
                for row in connection.execute(
                    metadata.tables[table].select().with_only_columns(metadata.tables[table].c[key])
                )
            }
            for table, key in SEEDED_KEYS.items()
        }
    engine.dispose()
    return seeded


def _empty_all_tables(engine: Engine, seeded: dict[str, set[str]]) -> None:
    tables = [*notes.TestBase.metadata.sorted_tables, *metadata.sorted_tables]
    with engine.begin() as connection:
        for table in reversed(tables):
            delete = table.delete()
            if table.name in SEEDED_KEYS:
                delete = delete.where(table.c[SEEDED_KEYS[table.name]].not_in(seeded[table.name]))
            connection.execute(delete)


@pytest.fixture
def world(client: TestClient, engine: Engine) -> World:
    return build_world(client, engine)
