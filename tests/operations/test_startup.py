"""Startup checks: the embedded default sets itself up; a configured database must be ready."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.core import keys, migrations
from app.core.config import Settings
from app.core.database import create_db_engine
from app.core.startup import NotReady, prepare
from tests.support.databases import scratch_database


def test_embedded_default_migrates_and_generates_keys_once(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path / "var")
    prepare(settings)
    prepare(settings)  # a second start changes nothing
    assert (tmp_path / "var" / "anxin.db").is_file()
    engine = create_db_engine(settings)
    assert migrations.is_at_head(engine)
    engine.dispose()
    keys_dir = tmp_path / "var" / "keys"
    for key_set in keys.SIGNING_KEY_SETS:
        files = keys.signing_key_files(keys_dir, key_set)
        assert len(files) == 1
        assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((keys_dir / keys.DATA_KEY_FILE).stat().st_mode) == 0o600


def test_configured_database_behind_refuses_with_the_command(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    with scratch_database(database_url, tmp_path) as url:
        settings = Settings(database_url=url, keys_dir=keys_dir)
        with pytest.raises(NotReady, match="anxin db upgrade"):
            prepare(settings)


def test_configured_mode_never_generates_keys(database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url, keys_dir=tmp_path / "empty")
    with pytest.raises(NotReady, match="anxin keys init"):
        prepare(settings)
    assert not (tmp_path / "empty").exists()
