"""`anxin serve` killed with SIGKILL in the middle of writing a large import leaves nothing
half-written: after a restart the import reads `failed` (orphans are marked at startup),
none of its rows exist, the audit chains verify, and the same file then imports whole.

Runs on both lanes: the all-or-nothing write is the database's transaction, SQLite's WAL
recovery on one, PostgreSQL's abort of a dead client's transaction on the other.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select, text

from app.core.validators import resident_id_check_character
from app.registry.imports.models import RecordImport
from app.registry.training.models import TrainingAttendance
from tests.faults.support import assert_audit_intact
from tests.support.databases import lane_name
from tests.support.processes import anxin_environment, kill, start_server, stop
from tests.support.world import World

PEOPLE = 1_000
SESSIONS = 40  # 40,000 attendance rows: a write that lasts long enough to be caught in
FINISHED = ("succeeded", "failed", "invalid", "validated")


def id_number(index: int) -> str:
    born = date(1970, 1, 1) + timedelta(days=index)
    body = f"410108{born:%Y%m%d}{index % 1000:03d}"
    return body + resident_id_check_character(body)


def people_csv() -> bytes:
    rows = [f"员工{i},{id_number(i)},2020-01-01" for i in range(PEOPLE)]
    return ("姓名,身份证号,入职日期\n" + "\n".join(rows) + "\n").encode()


def attendances_csv(session_ids: list[str]) -> bytes:
    rows = [f"{s},{id_number(i)},8,是" for s in session_ids for i in range(PEOPLE)]
    return ("培训编号,身份证号,学时,是否合格\n" + "\n".join(rows) + "\n").encode()


def _enterprise_with_people_and_sessions(world: World) -> list[str]:
    """Built in-process: the people (one import) and the training sessions to attend."""
    base = f"/v1/enterprises/{world.ids['enterprise_a']}"
    headers = world["a_editor"].headers
    uploaded = world.client.post(
        f"{base}/imports",
        files={"file": ("people.csv", people_csv())},
        data={"kind": "people"},
        headers=headers,
    )
    assert uploaded.status_code == 202, uploaded.text
    people = world.client.get(uploaded.headers["location"], headers=headers).json()
    assert people["status"] == "succeeded", people
    session_ids = []
    for index in range(SESSIONS):
        day = date(2025, 1, 6) + timedelta(days=7 * index)
        created = world.client.post(
            f"{base}/training-sessions",
            json={
                "kind": "annual",
                "title": f"安全培训第{index + 1}期",
                "started_on": day.isoformat(),
                "ended_on": day.isoformat(),
                "hours": "8",
            },
            headers=headers,
        )
        assert created.status_code == 201, created.text
        session_ids.append(created.json()["id"])
    return session_ids


def _import_status(engine: Engine, import_id: str) -> str | None:
    with engine.connect() as connection:
        status: str | None = connection.scalar(
            select(RecordImport.status).where(RecordImport.id == import_id)
        )
        return status


def _writing_on_sqlite(engine: Engine) -> Callable[[], bool]:
    path = engine.url.database
    assert path is not None

    def write_lock_taken() -> bool:
        # The import's write is the only writer while it runs: if the write lock is taken,
        # the all-or-nothing transaction is under way. (Probing takes the lock for an instant.)
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as probe:
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return True
            probe.execute("ROLLBACK")
            return False

    return write_lock_taken


def _writing_on_postgresql(engine: Engine) -> Callable[[], bool]:
    def inserting() -> bool:
        with engine.connect() as connection:
            found = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state IN ('active', 'idle in transaction') "
                    "AND query LIKE 'INSERT INTO training_attendances%'"
                )
            )
            return bool(found)

    return inserting


def _wait_for_the_write(engine: Engine, import_id: str, timeout: float = 120) -> None:
    writing = (_writing_on_sqlite if lane_name() == "sqlite" else _writing_on_postgresql)(engine)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = _import_status(engine, import_id)
        assert status in ("queued", "validating"), f"import ended before the kill: {status}"
        if status == "validating" and writing():
            return
        time.sleep(0.005)
    raise AssertionError("the import never started writing")


def _count_attendances(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(TrainingAttendance)) or 0)


def _upload(client: httpx.Client, world: World, content: bytes) -> str:
    response = client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("attendances.csv", content)},
        data={"kind": "training-attendances"},
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def _wait_until_finished(
    client: httpx.Client, world: World, import_id: str, timeout: float = 180
) -> dict[str, Any]:
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/imports/{import_id}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(url, headers=world["a_editor"].headers).json()
        if body["status"] in FINISHED:
            return body
        time.sleep(0.2)
    raise AssertionError(f"import {import_id} did not finish")


def test_a_server_killed_mid_import_leaves_nothing_half_written(
    world: World, engine: Engine, database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    content = attendances_csv(_enterprise_with_people_and_sessions(world))
    environment = anxin_environment(
        database_url=database_url,
        keys_dir=str(keys_dir),
        var_dir=str(tmp_path / "var"),
        log_json="false",
    )
    server = start_server(environment, tmp_path)
    try:
        with server.client() as client:
            import_id = _upload(client, world, content)
        _wait_for_the_write(engine, import_id)
    finally:
        kill(server.process)

    # Dead mid-write: the row still says "validating", and not one attendance is visible.
    assert _import_status(engine, import_id) == "validating"
    assert _count_attendances(engine) == 0

    server = start_server(environment, tmp_path)
    try:
        with server.client() as client:
            interrupted = _wait_until_finished(client, world, import_id, timeout=5)
            assert interrupted["status"] == "failed", interrupted
            assert interrupted["imported_rows"] == 0
            assert [e["code"] for e in interrupted["errors"]] == ["interrupted"]
            assert _count_attendances(engine) == 0
            assert_audit_intact(environment, tmp_path)

            again = _wait_until_finished(client, world, _upload(client, world, content))
        assert again["status"] == "succeeded", again
        assert again["imported_rows"] == PEOPLE * SESSIONS
        assert _count_attendances(engine) == PEOPLE * SESSIONS
        assert_audit_intact(environment, tmp_path)
    finally:
        stop(server.process)
