"""The test lane's database: SQLite in a temporary directory, or the PostgreSQL the runner gave.

Scratch databases for migration tests are PostgreSQL schemas (they need only CREATE on the
lane's database, so they work with a server the user points us at) or fresh SQLite files.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text

LANE_URL_VARIABLE = "ANXIN_TEST_DATABASE_URL"


def lane_url(tmp_dir: Path) -> str:
    """The URL this lane's suite runs against."""
    return os.environ.get(LANE_URL_VARIABLE) or f"sqlite:///{tmp_dir / 'anxin-test.db'}"


def lane_name() -> str:
    return "postgresql" if os.environ.get(LANE_URL_VARIABLE) else "sqlite"


@contextmanager
def scratch_database(base_url: str, tmp_dir: Path) -> Iterator[str]:
    """An empty database of the lane's kind, removed afterwards; yields its URL."""
    if base_url.startswith("sqlite"):
        path = tmp_dir / f"scratch-{secrets.token_hex(4)}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    schema = f"scratch_{secrets.token_hex(6)}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def table_names(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())
