"""The `anxin` command as an operator runs it: as a process, from any working directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.core import migrations
from tests.cli.test_http_protocols import exchange
from tests.support.databases import scratch_database
from tests.support.live_server import free_port

ANXIN = [sys.executable, "-m", "app.cli.main"]
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ANXIN, *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_db_commands_round_trip(database_url: str, tmp_path: Path) -> None:
    head = migrations.head_revision()
    with scratch_database(database_url, tmp_path) as url:
        env = {"ANXIN_DATABASE_URL": url}
        current = _run(["db", "current"], env, tmp_path)
        assert current.returncode == 0, current.stderr
        assert "current revision: none" in current.stdout
        upgraded = _run(["db", "upgrade"], env, tmp_path)
        assert upgraded.returncode == 0, upgraded.stderr
        assert f"current revision: {head} (at head)" in upgraded.stdout
        downgraded = _run(["db", "downgrade", "base"], env, tmp_path)
        assert "current revision: none" in downgraded.stdout


def test_downgrade_needs_a_revision(tmp_path: Path) -> None:
    result = _run(["db", "downgrade"], {"ANXIN_VAR_DIR": str(tmp_path / "var")}, tmp_path)
    assert result.returncode == 2
    assert "needs a revision" in result.stderr


def test_openapi_command_writes_the_document(tmp_path: Path) -> None:
    output = tmp_path / "spec.json"
    result = _run(["openapi", "--output", str(output)], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"openapi"' in output.read_text(encoding="utf-8")


def test_keys_init_creates_then_reports_complete(tmp_path: Path) -> None:
    first = _run(["keys", "init", "--dir", str(tmp_path / "k")], {}, tmp_path)
    assert "created token-signing/" in first.stdout
    second = _run(["keys", "init", "--dir", str(tmp_path / "k")], {}, tmp_path)
    assert second.stdout.strip().endswith("complete")


def test_serve_refuses_a_database_that_is_behind(
    database_url: str, keys_dir: Path, tmp_path: Path
) -> None:
    with scratch_database(database_url, tmp_path) as url:
        result = _run(
            ["serve", "--port", str(free_port())],
            {"ANXIN_DATABASE_URL": url, "ANXIN_KEYS_DIR": str(keys_dir)},
            tmp_path,
        )
    assert result.returncode == 2
    assert "run `anxin db upgrade` first" in result.stderr


def test_serve_on_the_embedded_default_from_another_directory(tmp_path: Path) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANXIN_")}
    process = subprocess.Popen(
        [*ANXIN, "serve", "--port", str(port), "--workers", "2"],
        env={**env, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        ready = _wait_for(f"http://127.0.0.1:{port}/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
        # Its HTTP protocol answers an unparsable request (a raw 中 in the URL) as a problem.
        status, headers, _ = exchange(port, "/v1/regions/中".encode())
        assert (status, headers[b"content-type"]) == (
            b"HTTP/1.1 400 Bad Request",
            b"application/problem+json",
        )
        assert (tmp_path / "var" / "anxin.db").is_file()
        assert (tmp_path / "var" / "keys" / "data-encryption.key").is_file()
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert b"Traceback" not in output


def _wait_for(url: str, seconds: float = 30) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_a_mistyped_variable_is_named_on_stderr(tmp_path: Path) -> None:
    env = {"ANXIN_VAR_DIR": str(tmp_path / "var"), "ANXIN_DATA_DIR": str(tmp_path / "data")}
    result = _run(["db", "current"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "anxin: warning: ANXIN_DATA_DIR (in the environment) is not a setting and is ignored; "
        "did you mean ANXIN_VAR_DIR?"
    ) in result.stderr
    assert "current revision" in result.stdout  # a warning, not a refusal
