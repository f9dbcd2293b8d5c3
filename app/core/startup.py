"""What must hold before the API answers: schema at head and keys in place.

On the embedded default Anxin sets both up itself, once, under a file lock, so that several
`--workers` (or a second `anxin serve`) never migrate or generate keys twice. Against a
configured database it only checks, and refuses to start with the command that would fix it.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from app.core import keys, migrations
from app.core.config import Settings
from app.core.database import create_db_engine


class NotReady(RuntimeError):
    """The service cannot start; the message says what to run."""


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare(settings: Settings) -> None:
    if settings.embedded:
        settings.var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with file_lock(settings.var_dir / ".startup.lock"):
            migrations.upgrade(settings.effective_database_url)
            keys.ensure_keys(settings.effective_keys_dir)
        return
    engine = create_db_engine(settings)
    try:
        check_schema(engine)
    finally:
        engine.dispose()
    try:
        keys.require_keys(settings.effective_keys_dir)
    except keys.MissingKeys as exc:
        raise NotReady(str(exc)) from exc


def check_schema(engine: Engine) -> None:
    current = migrations.current_revision(engine)
    head = migrations.head_revision()
    if current != head:
        raise NotReady(
            f"database schema is at {current or 'nothing'}, the code needs {head}: "
            "run `anxin db upgrade` first"
        )
