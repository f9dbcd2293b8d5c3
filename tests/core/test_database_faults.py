"""A database that cannot serve (unreachable, full, read-only) is answered with a clear
503/507 problem and Retry-After, never a 500; other database errors stay 500s.

The faults are real: SQLite's own "disk full" (a page limit on the connection), its own
"read-only" (a file opened with mode=ro) and psycopg's own "connection refused" (a port with
no server). tests/faults provokes the same through a real full disk and a stopped server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from app.core.config import Settings
from app.core.database import Database, create_db_engine
from app.core.errors import database_fault, install_error_handlers
from app.core.unit_of_work import DbSession, UnitOfWorkRoute
from tests.support.live_server import free_port

# Few enough pages that one big row cannot fit, yet enough for the table itself.
PAGE_LIMIT = 4


def _app_on(engine: Engine) -> FastAPI:
    """A minimal app with the real error handlers and the real per-request transaction."""
    app = FastAPI()
    app.state.database = Database(engine)
    install_error_handlers(app)
    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.post("/filler", status_code=201)
    def add_filler(session: DbSession) -> dict[str, str]:
        session.execute(text("INSERT INTO filler (data) VALUES (randomblob(65536))"))
        return {"status": "stored"}

    @router.get("/filler")
    def count_filler(session: DbSession) -> dict[str, int]:
        return {"rows": session.execute(text("SELECT count(*) FROM filler")).scalar_one()}

    @router.get("/broken")
    def broken_query(session: DbSession) -> None:
        session.execute(text("SELECT * FROM no_such_table"))

    app.include_router(router)
    return app


@pytest.fixture
def database_file(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "faults.db"
    # Made by the application's engine, so in WAL mode like the embedded database.
    engine = create_db_engine(settings, url=f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE filler (data BLOB)"))
    engine.dispose()
    return path


@pytest.fixture
def full_database(database_file: Path, settings: Settings) -> Iterator[Engine]:
    engine = create_db_engine(settings, url=f"sqlite:///{database_file}")

    @event.listens_for(engine, "connect")
    def _cap_pages(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={PAGE_LIMIT}")

    yield engine
    engine.dispose()


def _assert_fault(
    response: httpx.Response, status: int, code: str, title: str, retry_after: str = "5"
) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == retry_after
    body = response.json()
    assert (body["status"], body["code"], body["title"]) == (status, code, title)
    assert "Traceback" not in response.text


def test_a_full_sqlite_database_is_507_and_nothing_is_stored(full_database: Engine) -> None:
    with TestClient(_app_on(full_database), raise_server_exceptions=False) as client:
        response = client.post("/filler")
        _assert_fault(response, 507, "storage_full", "Database storage is full")
        # The failed transaction left nothing behind, and reads go on.
        assert client.get("/filler").json() == {"rows": 0}


def test_a_read_only_sqlite_database_is_503_and_reads_go_on(
    database_file: Path, settings: Settings
) -> None:
    engine = create_db_engine(settings, url=f"sqlite:///file:{database_file}?mode=ro&uri=true")
    try:
        with TestClient(_app_on(engine), raise_server_exceptions=False) as client:
            response = client.post("/filler")
            _assert_fault(response, 503, "database_read_only", "Database is read-only")
            assert client.get("/filler").json() == {"rows": 0}
    finally:
        engine.dispose()


def test_a_write_lock_held_past_the_busy_timeout_is_503_busy(
    database_file: Path, settings: Settings
) -> None:
    engine = create_db_engine(
        settings.model_copy(update={"sqlite_busy_timeout_ms": 50}), url=f"sqlite:///{database_file}"
    )
    holder = create_engine(f"sqlite:///{database_file}", isolation_level="AUTOCOMMIT")
    try:
        with holder.connect() as other_writer:
            other_writer.execute(text("BEGIN IMMEDIATE"))  # SQLite's one write lock, held
            with TestClient(_app_on(engine), raise_server_exceptions=False) as client:
                response = client.post("/filler")
                _assert_fault(response, 503, "database_busy", "Database busy", retry_after="1")
            other_writer.execute(text("ROLLBACK"))
        with TestClient(_app_on(engine), raise_server_exceptions=False) as client:
            assert client.post("/filler").status_code == 201  # the lock is free: it goes in
    finally:
        engine.dispose()
        holder.dispose()


def test_an_unreachable_postgresql_is_503(settings: Settings) -> None:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/anxin?connect_timeout=2"
    engine = create_db_engine(settings, url=url)
    try:
        with TestClient(_app_on(engine), raise_server_exceptions=False) as client:
            response = client.get("/filler")
        _assert_fault(response, 503, "database_unavailable", "Database unavailable")
    finally:
        engine.dispose()


def test_other_database_errors_stay_internal_errors(database_file: Path) -> None:
    engine = create_engine(f"sqlite:///{database_file}")
    try:
        with TestClient(_app_on(engine), raise_server_exceptions=False) as client:
            response = client.get("/broken")
        assert response.status_code == 500
        assert response.json()["code"] == "internal_error"
        with pytest.raises(OperationalError) as raised, engine.connect() as connection:
            connection.execute(text("SELECT * FROM no_such_table"))
        assert database_fault(raised.value) is None
    finally:
        engine.dispose()
