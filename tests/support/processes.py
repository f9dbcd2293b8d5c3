"""Anxin's own commands (`anxin serve`, `anxin worker`, `anxin audit verify`) as real child
processes, for tests that kill them, cut their database off or take their disk away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.live_server import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Cheap password hashes: fault tests sign people in, and production cost would dominate them.
FAST_HASHES = {"PASSWORD_HASH_TIME_COST": "1", "PASSWORD_HASH_MEMORY_KIB": "8192"}


def anxin_environment(**settings: str) -> dict[str, str]:
    """This environment without any ANXIN_* of the caller's, plus `settings` as ANXIN_<NAME>."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ANXIN_")}
    environment["PYTHONPATH"] = str(PROJECT_ROOT)
    environment |= {f"ANXIN_{name.upper()}": value for name, value in settings.items()}
    return environment


def anxin_command(*arguments: str) -> list[str]:
    # `-m app.cli.main` rather than the console script: the same code whatever is installed.
    return [sys.executable, "-m", "app.cli.main", *arguments]


def run_anxin(
    *arguments: str, environment: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        anxin_command(*arguments), env=environment, cwd=cwd, capture_output=True, text=True
    )


def start_anxin(
    *arguments: str, environment: dict[str, str], cwd: Path, prefix: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """Start `anxin <arguments>`; its output goes to cwd/<command>.log for post-mortems."""
    log = (cwd / f"{arguments[0]}.log").open("ab")
    try:
        return subprocess.Popen(
            [*prefix, *anxin_command(*arguments)],
            env=environment,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    finally:
        log.close()  # the child holds its own copy


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no handler, no cleanup, no last commit — a crash or the OOM killer."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM and wait, as an operator's restart would; SIGKILL if it does not end."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill(process)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def client(self, timeout: float = 10) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=timeout)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_server(
    environment: dict[str, str], cwd: Path, *, prefix: Sequence[str] = (), timeout: float = 60
) -> Server:
    """`anxin serve` on a free port, once /readyz answers 200."""
    port = free_port()
    process = start_anxin(
        "serve", "--port", str(port), environment=environment, cwd=cwd, prefix=prefix
    )
    server = Server(process, f"http://127.0.0.1:{port}", cwd / "serve.log")
    deadline = time.monotonic() + timeout
    with server.client(timeout=2) as client:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"anxin serve exited:\n{server.output()[-4000:]}")
            try:
                if client.get("/readyz").status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                kill(process)
                raise AssertionError(f"anxin serve not ready:\n{server.output()[-4000:]}")
            time.sleep(0.05)


@contextmanager
def running_server(
    environment: dict[str, str], cwd: Path, *, prefix: Sequence[str] = ()
) -> Iterator[Server]:
    server = start_server(environment, cwd, prefix=prefix)
    try:
        yield server
    finally:
        stop(server.process)
