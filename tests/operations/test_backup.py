"""`anxin backup` / `anxin restore` as an operator runs them: a round trip that compares every
table row by row, the audit chain verified after restore, tampering caught, no overwrites.

Each lane tests its own database: the SQLite lane the online backup API, the PostgreSQL lane
pg_dump/pg_restore into a freshly created database.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, make_url, select, text

from app.core import migrations
from app.core.validators import resident_id_check_character
from app.models import metadata
from tests.blacklist.support import published
from tests.support.world import World

ANXIN = [sys.executable, "-m", "app.cli.main"]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONLY_SQLITE = "SQLite online backup: the SQLite lane covers it"
ONLY_POSTGRESQL = "pg_dump/pg_restore: the PostgreSQL lane covers it"


def _anxin(
    args: list[str], url: str, keys_dir: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ANXIN_")}
    return subprocess.run(
        [*ANXIN, *args],
        env={
            **environment,
            "PYTHONPATH": str(PROJECT_ROOT),
            "ANXIN_DATABASE_URL": url,
            "ANXIN_KEYS_DIR": str(keys_dir),
        },
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _populate(world: World) -> None:
    """Registry records and a published blacklist entry on top of the world's tenants."""
    people = f"/v1/enterprises/{world.ids['enterprise_a']}/people"
    for number, (name, id_number) in enumerate(
        (("王建国", "41010819900307451"), ("李秀英", "41010819851112002"))
    ):
        response = world.client.post(
            people,
            json={
                "name": name,
                "id_number": id_number + resident_id_check_character(id_number),
                "department": "机加工车间",
                "position": f"车工{number}",
                "hire_date": "2021-03-01",
            },
            headers=world["a_editor"].headers,
        )
        assert response.status_code == 201, response.text
    published(world, seed=131)


def _rows(engine: Engine, table: Any) -> list[tuple[Any, ...]]:
    order = list(table.primary_key.columns) or list(table.columns)
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(table.select().order_by(*order))]


def _assert_same_tables(source: Engine, restored: Engine) -> None:
    for table in metadata.sorted_tables:
        assert _rows(source, table) == _rows(restored, table), f"table {table.name} differs"
    with restored.connect() as connection:
        for name in ("audit_events", "blacklist_entries", "people"):
            count = connection.execute(select(func.count()).select_from(metadata.tables[name]))
            assert count.scalar_one() > 0, f"{name} should hold rows in this test"


def _sqlite_lane(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip(ONLY_SQLITE)


def _postgresql_lane(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip(ONLY_POSTGRESQL)


def _tamper_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "UPDATE audit_events SET hash = "
            "(CASE substr(hash, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END) || substr(hash, 2) "
            "WHERE id = (SELECT id FROM audit_events ORDER BY chain_id, seq LIMIT 1)"
        )
        connection.commit()


def test_sqlite_round_trip_compares_every_table(
    world: World, engine: Engine, database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    _sqlite_lane(database_url)
    _populate(world)
    output = tmp_path / "anxin-backup.db"
    # Taken while the app (and its connections) are live: the online backup API.
    backed_up = _anxin(
        ["backup", "--output", str(output), "--with-keys"], database_url, keys_dir, tmp_path
    )
    assert backed_up.returncode == 0, backed_up.stderr
    assert f"schema revision: {migrations.head_revision()}" in backed_up.stdout
    assert str(output) in backed_up.stdout
    assert "audit_events" in backed_up.stdout
    assert "PRIVATE" in backed_up.stdout
    archive = Path(f"{output}.keys.tar")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        assert "keys/data-encryption.key" in tar.getnames()
    assert not Path(f"{output}-wal").exists()

    target = tmp_path / "restored" / "anxin.db"
    restored_url = f"sqlite:///{target}"
    restored = _anxin(["restore", "--input", str(output)], restored_url, keys_dir, tmp_path)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "audit chains intact" in restored.stdout
    restored_engine = create_engine(restored_url)
    try:
        _assert_same_tables(engine, restored_engine)
    finally:
        restored_engine.dispose()


def test_sqlite_restore_reports_a_tampered_backup(
    world: World, database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    _sqlite_lane(database_url)
    _populate(world)
    output = tmp_path / "backup.db"
    assert (
        _anxin(["backup", "--output", str(output)], database_url, keys_dir, tmp_path).returncode
        == 0
    )
    _tamper_sqlite(output)
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = _anxin(["restore", "--input", str(output)], target, keys_dir, tmp_path)
    assert restored.returncode == 1, restored.stdout + restored.stderr
    assert "hash_mismatch" in restored.stdout
    assert "does not verify" in restored.stderr


def test_sqlite_restore_refuses_files_that_are_not_anxin_databases(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    _sqlite_lane(database_url)
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database" * 100)
    plain = tmp_path / "plain.db"
    with closing(sqlite3.connect(plain)) as connection:
        connection.execute("CREATE TABLE t (x)")
    for source in (garbage, plain):
        result = _anxin(["restore", "--input", str(source)], target, keys_dir, tmp_path)
        assert result.returncode == 2
        assert "not" in result.stderr
    assert not (tmp_path / "restored.db").exists()


def test_backup_refuses_to_overwrite_without_force(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "existing.backup"
    output.write_bytes(b"previous backup")
    refused = _anxin(["backup", "--output", str(output)], database_url, keys_dir, tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert output.read_bytes() == b"previous backup"
    forced = _anxin(
        ["backup", "--output", str(output), "--force"], database_url, keys_dir, tmp_path
    )
    assert forced.returncode == 0, forced.stderr
    assert output.read_bytes() != b"previous backup"
    assert "back up" in forced.stdout
    assert "separately" in forced.stdout


def test_restore_refuses_to_overwrite_without_force(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "lane.backup"
    assert (
        _anxin(["backup", "--output", str(output)], database_url, keys_dir, tmp_path).returncode
        == 0
    )
    # The lane's own database exists and holds the schema: replacing it needs --force.
    refused = _anxin(["restore", "--input", str(output)], database_url, keys_dir, tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr


@pytest.fixture
def fresh_postgres_database(database_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database beside the lane's, dropped afterwards."""
    _postgresql_lane(database_url)
    name = f"anxin_restore_{secrets.token_hex(4)}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"the lane's PostgreSQL role cannot CREATE DATABASE ({exc})")
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_round_trip_compares_every_table_and_catches_tampering(
    world: World,
    engine: Engine,
    database_url: str,
    fresh_postgres_database: str,
    keys_dir: Path,
    tmp_path: Path,
) -> None:
    _populate(world)
    dump = tmp_path / "anxin.dump"
    backed_up = _anxin(["backup", "--output", str(dump)], database_url, keys_dir, tmp_path)
    assert backed_up.returncode == 0, backed_up.stderr
    assert f"schema revision: {migrations.head_revision()}" in backed_up.stdout
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format

    restored = _anxin(
        ["restore", "--input", str(dump)], fresh_postgres_database, keys_dir, tmp_path
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "audit chains intact" in restored.stdout
    restored_engine = create_engine(fresh_postgres_database)
    try:
        _assert_same_tables(engine, restored_engine)
        with restored_engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE audit_events SET hash = "
                    "(CASE left(hash, 1) WHEN 'a' THEN 'b' ELSE 'a' END) || substr(hash, 2) "
                    "WHERE id = (SELECT id FROM audit_events ORDER BY chain_id, seq LIMIT 1)"
                )
            )
    finally:
        restored_engine.dispose()

    tampered = tmp_path / "tampered.dump"
    assert (
        _anxin(
            ["backup", "--output", str(tampered)], fresh_postgres_database, keys_dir, tmp_path
        ).returncode
        == 0
    )
    again = _anxin(["restore", "--input", str(dump)], fresh_postgres_database, keys_dir, tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr
    broken = _anxin(
        ["restore", "--input", str(tampered), "--force"],
        fresh_postgres_database,
        keys_dir,
        tmp_path,
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "hash_mismatch" in broken.stdout
