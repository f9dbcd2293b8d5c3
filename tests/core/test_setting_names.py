"""A variable that looks like a setting but is none is named at start, with the setting it
was probably meant to be; the names the suite and the benchmarks use are left alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.core.config import Settings
from app.core.setting_names import setting_names, unknown_variable_warnings
from app.main import create_app

ROOT = Path(__file__).resolve().parents[2]
# Mistyped on purpose by the tests of the warning itself.
TYPOS = {"ANXIN_DATA_DIR", "ANXIN_LOGLEVEL", "ANXIN_NOTHING_LIKE_IT", "anxin_data_dir"}


def test_an_unknown_variable_is_named_with_the_closest_setting() -> None:
    environ = {
        "ANXIN_DATA_DIR": "/srv/anxin",
        "ANXIN_VAR_DIR": "/srv/anxin",
        "anxin_log_level": "DEBUG",  # pydantic-settings reads it whatever the case
        "ANXIN_NOTHING_LIKE_IT": "1",
        "PATH": "/usr/bin",
    }
    assert unknown_variable_warnings(environ, env_file=None) == [
        "ANXIN_DATA_DIR (in the environment) is not a setting and is ignored; "
        "did you mean ANXIN_VAR_DIR?",
        "ANXIN_NOTHING_LIKE_IT (in the environment) is not a setting and is ignored; "
        "the settings are in docs/deploy.md",
    ]


def test_the_env_file_is_checked_too(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("ANXIN_LOGLEVEL=DEBUG\nANXIN_VAR_DIR=/srv/anxin\n", encoding="utf-8")
    assert unknown_variable_warnings({}, env_file=env_file) == [
        f"ANXIN_LOGLEVEL (in {env_file}) is not a setting and is ignored; "
        "did you mean ANXIN_LOG_LEVEL?"
    ]


def test_settings_cli_inputs_and_the_suites_knobs_are_not_warned_about() -> None:
    environ = dict.fromkeys(setting_names(), "x") | {
        "ANXIN_BOOTSTRAP_PASSWORD": "x",
        "ANXIN_DEMO_PASSWORD": "x",
        "ANXIN_TEST_LANES": "sqlite",
        "ANXIN_TEST_DATABASE_URL": "x",
        "ANXIN_FUZZ_SEED": "1",
        "ANXIN_ASOF_EXAMPLES": "1",
        "ANXIN_SOAK_PROBE": "x",
        "ANXIN_TOKEN": "x",
        "ANXIN_CODES": "x",
    }
    assert unknown_variable_warnings(environ, env_file=None) == []


def test_every_anxin_name_the_project_reads_or_documents_is_known() -> None:
    """A new setting, test knob or benchmark variable must be known here, or every run that
    sets it would warn."""
    files = [
        path
        for folder in ("app", "scripts", "bench", "tests", "docs", "alembic")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".lua", ".sh", ".md", ".toml", ".ini"}
    ]
    files += [ROOT / "Makefile", ROOT / "Dockerfile", ROOT / "README.md", ROOT / "pyproject.toml"]
    names = {
        name
        for path in files
        for name in re.findall(r"\bANXIN_[A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8"))
    }
    assert "ANXIN_VAR_DIR" in names  # the scan sees what it should
    warnings = unknown_variable_warnings(dict.fromkeys(names - TYPOS, "x"), env_file=None)
    assert warnings == []


def test_the_service_logs_the_warning(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("anxin_data_dir", "/srv/anxin")
    app = create_app(settings)
    app.state.database.dispose()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    warned = [line for line in lines if line["logger"] == "anxin.config"]
    assert len(warned) == 1
    assert warned[0]["level"] == "warning"
    assert warned[0]["message"].startswith("anxin_data_dir (in the environment) is not a setting")
    assert "did you mean ANXIN_VAR_DIR?" in warned[0]["message"]
