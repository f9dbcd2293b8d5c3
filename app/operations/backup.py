"""`anxin backup` and `anxin restore`: a consistent copy of the database, and putting one back.

SQLite (the embedded default or any sqlite URL) is copied with SQLite's online backup API,
which is safe while the server runs (WAL readers never block it), into a temporary file that
is renamed into place. PostgreSQL goes through `pg_dump --format=custom` and
`pg_restore --clean --if-exists`. A restore is checked: the file must be an Anxin database at
a revision this code knows, and the audit chains are verified on the restored database.

Keys are not in the database: `--with-keys` archives the keys directory beside the backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, make_url, select
from sqlalchemy.orm import Session

from app.core import migrations
from app.core.audit_chain import ChainBreak, verify_chains
from app.core.config import Settings
from app.core.database import create_db_engine
from app.models import metadata

KEYS_ARCHIVE_SUFFIX = ".keys.tar"
PG_TOOLS = ("pg_dump", "pg_restore")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class BackupReport:
    path: Path
    size: int
    revision: str | None
    row_counts: dict[str, int]
    keys_archive: Path | None = None


@dataclass
class RestoreReport:
    target: str
    revision: str | None
    breaks: list[ChainBreak] = field(default_factory=list)


# --- shared -------------------------------------------------------------------------------


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))
    return {revision.revision for revision in script.walk_revisions()}


def keys_archive_path(output: Path) -> Path:
    return output.with_name(output.name + KEYS_ARCHIVE_SUFFIX)


def _check_new_file(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise BackupError(f"{path} exists; pass --force to overwrite it")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a directory")


@contextmanager
def _temporary_beside(path: Path) -> Iterator[Path]:
    """A temporary file name in `path`'s directory (same file system: the rename is atomic),
    removed unless the caller renamed it."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _archive_keys(keys_dir: Path, archive: Path) -> None:
    if not keys_dir.is_dir():
        raise BackupError(f"keys directory {keys_dir} does not exist")
    with _temporary_beside(archive) as temporary:
        os.chmod(temporary, 0o600)
        with tarfile.open(temporary, "w") as tar:
            tar.add(keys_dir, arcname="keys")
        _fsync(temporary)
        os.replace(temporary, archive)


def _verify_restored(settings: Settings) -> list[ChainBreak]:
    engine = create_db_engine(settings)
    try:
        with Session(engine) as session:
            return verify_chains(session)
    finally:
        engine.dispose()


def backup(
    settings: Settings, output: Path, *, force: bool = False, with_keys: bool = False
) -> BackupReport:
    output = output.expanduser().resolve()
    _check_new_file(output, force)
    archive = keys_archive_path(output) if with_keys else None
    if archive is not None:
        _check_new_file(archive, force)
    if settings.is_sqlite:
        if output == _sqlite_path(settings):
            raise BackupError(f"{output} is the database itself; write the backup elsewhere")
        report = _backup_sqlite(_sqlite_path(settings), output)
    else:
        report = _backup_postgres(settings.effective_database_url, output)
    if archive is not None:
        _archive_keys(settings.effective_keys_dir, archive)
        report.keys_archive = archive
    return report


def restore(settings: Settings, source: Path, *, force: bool = False) -> RestoreReport:
    source = source.expanduser().resolve()
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    if settings.is_sqlite:
        if source == _sqlite_path(settings):
            raise BackupError(f"{source} is the configured database itself")
        revision = _restore_sqlite(source, _sqlite_path(settings), force)
        target = str(_sqlite_path(settings))
    else:
        revision = _restore_postgres(source, settings, force)
        target = make_url(settings.effective_database_url).render_as_string(hide_password=True)
    return RestoreReport(target, revision, _verify_restored(settings))


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.effective_database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database).expanduser().resolve()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _sqlite_facts(connection: sqlite3.Connection) -> tuple[str | None, dict[str, int]]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    counts = {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # noqa: S608
        for name in tables
    }
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = None if row is None else str(row[0])
    return revision, counts


def _backup_sqlite(database: Path, output: Path) -> BackupReport:
    if not database.is_file():
        raise BackupError(f"no database at {database}")
    with _temporary_beside(output) as temporary:
        with closing(sqlite3.connect(database)) as source:
            source.execute("PRAGMA busy_timeout=5000")
            with closing(sqlite3.connect(temporary)) as target:
                source.backup(target)
                # One self-contained file: no -wal beside the copy.
                target.execute("PRAGMA journal_mode=DELETE")
        _fsync(temporary)
        os.replace(temporary, output)
    with closing(_read_only(output)) as copy:
        revision, counts = _sqlite_facts(copy)
    return BackupReport(output, output.stat().st_size, revision, counts)


def _check_sqlite_backup(source: Path) -> str:
    try:
        with closing(_read_only(source)) as connection:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                raise BackupError(f"{source} fails PRAGMA integrity_check: {'; '.join(integrity)}")
            revision, _ = _sqlite_facts(connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a SQLite database ({exc})") from exc
    return _check_revision(source, revision)


def _check_revision(source: Path, revision: str | None) -> str:
    if revision is None:
        raise BackupError(f"{source} is not an Anxin database (no alembic_version)")
    if revision not in known_revisions():
        raise BackupError(f"{source} is at revision {revision}, which this version does not know")
    return revision


def _release_old_database(target: Path) -> None:
    """Fold the old database's WAL back and delete it, which only works with no other
    connection open: a running server makes this fail rather than be corrupted."""
    try:
        with closing(sqlite3.connect(target, timeout=1)) as old:
            old.execute("PRAGMA journal_mode=DELETE").fetchone()
            mode = old.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":
                raise BackupError(f"{target} is in use; stop the server and workers first")
    except sqlite3.OperationalError as exc:
        raise BackupError(f"{target} is in use ({exc}); stop the server and workers first") from exc
    except sqlite3.DatabaseError:
        pass  # not a database at all (being replaced on purpose): nothing to fold back
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _restore_sqlite(source: Path, target: Path, force: bool) -> str:
    revision = _check_sqlite_backup(source)
    if target.exists() and not force:
        raise BackupError(f"{target} exists; pass --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(target) as temporary:
        with closing(_read_only(source)) as backup_file, closing(sqlite3.connect(temporary)) as new:
            backup_file.backup(new)
            new.execute("PRAGMA journal_mode=DELETE")
        _fsync(temporary)
        if target.exists():
            _release_old_database(target)
        else:
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
    return revision


# --- PostgreSQL ---------------------------------------------------------------------------


def libpq_command_args(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI (no driver suffix, no password) and the environment carrying the password,
    so it does not show in the process list."""
    parsed = make_url(url)
    environment = {}
    if parsed.password is not None:
        environment["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not on PATH; PostgreSQL backups need {' and '.join(PG_TOOLS)} "
            "(e.g. the postgresql-client package, the server's major version or newer)"
        )
    return found


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 (fixed tool, arguments are not shell-parsed)
        command,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _schema_of(url: str) -> str | None:
    """The schema a `options=-csearch_path=NAME` URL selects, so only it is dumped."""
    options = make_url(url).query.get("options")
    text_options = options if isinstance(options, str) else " ".join(options or ())
    for option in text_options.split():
        if option.startswith("-csearch_path="):
            return option.removeprefix("-csearch_path=").split(",")[0].strip('"')
    return None


def _postgres_facts(settings: Settings) -> tuple[str | None, dict[str, int]]:
    engine = create_db_engine(settings)
    try:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            counts = {
                table.name: int(
                    connection.execute(select(func.count()).select_from(table)).one()[0]
                )
                for table in metadata.sorted_tables
                if table.name in present
            }
        revision = migrations.current_revision(engine) if "alembic_version" in present else None
    finally:
        engine.dispose()
    return revision, dict(sorted(counts.items()))


def _backup_postgres(url: str, output: Path) -> BackupReport:
    pg_dump = _tool("pg_dump")
    dsn, environment = libpq_command_args(url)
    command = [pg_dump, "--format=custom", f"--dbname={dsn}"]
    schema = _schema_of(url)
    if schema is not None:
        command.append(f"--schema={schema}")
    with _temporary_beside(output) as temporary:
        _run([*command, f"--file={temporary}"], environment)
        _fsync(temporary)
        os.replace(temporary, output)
    revision, counts = _postgres_facts(Settings(database_url=url))
    return BackupReport(output, output.stat().st_size, revision, counts)


def _archived_revision(pg_restore: str, source: Path) -> str | None:
    """The alembic_version row inside a custom-format archive, read without restoring it."""
    result = subprocess.run(  # noqa: S603 (fixed tool, arguments are not shell-parsed)
        [pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{source} is not a pg_dump custom-format archive")
    lines = result.stdout.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            value = lines[number + 1] if number + 1 < len(lines) else "\\."
            return None if value == "\\." else value.strip()
    return None


def _restore_postgres(source: Path, settings: Settings, force: bool) -> str:
    pg_restore = _tool("pg_restore")
    url = settings.effective_database_url
    engine = create_db_engine(settings)
    try:
        occupied = "alembic_version" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if occupied and not force:
        raise BackupError("the target database already holds an Anxin schema; pass --force")
    revision = _check_revision(source, _archived_revision(pg_restore, source))
    dsn, environment = libpq_command_args(url)
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={dsn}",
            str(source),
        ],
        environment,
    )
    return revision
