"""The embedded default (SQLite) on a full disk and on a read-only database file: clear
problems instead of 500s, no corruption, and writes again once the disk has room or the file
is writable again.

Faults of the embedded SQLite file only, so they run in the sqlite lane. The full disk is a
small tmpfs under the var directory; the read-only file is a 0444 file written by a server
running without CAP_DAC_OVERRIDE (as root would otherwise write it regardless).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.core.config import EMBEDDED_DATABASE_FILE, Settings
from app.core.startup import prepare
from tests.faults.storage import StorageFaultUnavailable, fill, read_only_prefix, small_disk
from tests.faults.support import (
    ADMIN_EMAIL,
    admin_headers,
    assert_audit_intact,
    assert_problem,
    assert_sqlite_intact,
    bootstrap_admin,
    create_organization,
)
from tests.support.databases import lane_name
from tests.support.processes import FAST_HASHES, anxin_environment, running_server, stop
from tests.support.world import PASSWORD


def _fresh_install(var_dir: Path) -> Path:
    """What the first `anxin serve` does (schema, keys), plus the platform admin."""
    settings = Settings(database_url=None, var_dir=var_dir)
    prepare(settings)
    bootstrap_admin(settings.effective_database_url)
    return var_dir / EMBEDDED_DATABASE_FILE


pytestmark = pytest.mark.skipif(
    lane_name() != "sqlite",
    reason="faults of the embedded SQLite file; they run in the sqlite lane",
)


def _organizations_named(database: Path, prefix: str) -> int:
    with closing(sqlite3.connect(database)) as connection:
        found = connection.execute(
            "SELECT count(*) FROM organizations WHERE name LIKE ?", (f"{prefix}%",)
        ).fetchone()
        return int(found[0])


def _assert_clean_shutdown(log: str) -> None:
    """uvicorn says so once the lifespan's shutdown (worker, snapshot, pool) ran to its end."""
    last_start = log.rindex("Started server process")
    assert "Application shutdown complete." in log[last_start:], log[-3000:]


@pytest.fixture
def var_on_small_disk(tmp_path: Path) -> Iterator[Path]:
    try:
        with small_disk(tmp_path / "var") as mounted:
            yield mounted
    except StorageFaultUnavailable as exc:
        pytest.skip(str(exc))


def test_a_full_disk_is_507_then_writes_resume(var_on_small_disk: Path, tmp_path: Path) -> None:
    # The server's log and working directory stay off the small disk; only var/ is on it.
    environment = anxin_environment(var_dir=str(var_on_small_disk), log_json="false", **FAST_HASHES)
    database = _fresh_install(var_on_small_disk)

    with running_server(environment, tmp_path) as server, server.client() as client:
        headers = admin_headers(client)
        assert create_organization(client, headers, "before").status_code == 201

        filler = fill(var_on_small_disk)
        for attempt in range(3):
            full = create_organization(client, headers, f"while full {attempt} " + "长" * 150)
            body = assert_problem(full, 507, "storage_full")
            assert body["title"] == "Database storage is full"
            assert full.headers["retry-after"] == "5"
        signing_in = client.post(
            "/v1/auth/token",
            data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
        )
        assert_problem(signing_in, 507, "storage_full")
        # Reads need no room: the service still answers them, and says it is ready.
        assert client.get("/v1/me", headers=headers).status_code == 200
        assert client.get("/readyz").status_code == 200

        filler.unlink()
        # The same process writes again as soon as there is room.
        assert create_organization(client, headers, "after").status_code == 201
        admin_headers(client)  # signing in (which records the attempt) works again too
        assert server.process.poll() is None

    _assert_clean_shutdown(server.output())
    assert_sqlite_intact(database)
    assert _organizations_named(database, "while full") == 0
    assert _organizations_named(database, "after") == 1
    assert_audit_intact(environment, tmp_path)


def test_a_read_only_database_file_is_503_then_writable_again(tmp_path: Path) -> None:
    try:
        prefix = read_only_prefix(tmp_path)
    except StorageFaultUnavailable as exc:
        pytest.skip(str(exc))
    environment = anxin_environment(var_dir=str(tmp_path / "var"), log_json="false", **FAST_HASHES)
    database = _fresh_install(tmp_path / "var")
    with running_server(environment, tmp_path) as server, server.client() as client:
        headers = admin_headers(client)  # a token, while signing in can still be recorded
        assert create_organization(client, headers, "before").status_code == 201

    database.chmod(0o444)
    with running_server(environment, tmp_path, prefix=prefix) as server, server.client() as client:
        for attempt in range(3):
            refused = create_organization(client, headers, f"while read-only {attempt}")
            body = assert_problem(refused, 503, "database_read_only")
            assert body["title"] == "Database is read-only"
            assert refused.headers["retry-after"] == "5"
        signing_in = client.post(
            "/v1/auth/token",
            data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
        )
        assert_problem(signing_in, 503, "database_read_only")
        assert client.get("/v1/me", headers=headers).status_code == 200
        stop(server.process)
        # Even though the scheduler could not release its lease.
        _assert_clean_shutdown(server.output())

    # The operator's fix: write access back to the database and to the WAL files SQLite
    # made meanwhile (with the database's mode, so read-only too), then a restart — SQLite
    # keeps the WAL index of a file it opened read-only read-only for as long as any
    # connection of the process is open (docs/faults.md).
    for name in (
        EMBEDDED_DATABASE_FILE,
        f"{EMBEDDED_DATABASE_FILE}-wal",
        f"{EMBEDDED_DATABASE_FILE}-shm",
    ):
        if (database.parent / name).exists():
            (database.parent / name).chmod(0o644)
    with running_server(environment, tmp_path, prefix=prefix) as server, server.client() as client:
        assert create_organization(client, headers, "after").status_code == 201

    assert_sqlite_intact(database)
    assert _organizations_named(database, "while read-only") == 0
    assert _organizations_named(database, "after") == 1
    assert_audit_intact(environment, tmp_path)
