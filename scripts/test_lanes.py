"""Run the whole pytest suite once per database lane: SQLite, then PostgreSQL.

Usage (from anywhere; pytest always runs from the project root)::

    .venv/bin/python scripts/test_lanes.py [--throwaway] [--parallel] [pytest args...]

``--parallel`` runs the lanes side by side instead of one after the other (``make test`` does:
each lane is one single-threaded pytest, so on two cores the suite takes about as long as its
longer lane). Their output is then interleaved line by line, each line led by its lane's name.

The SQLite lane runs with ``ANXIN_TEST_DATABASE_URL`` removed and ``ANXIN_TEST_LANE=sqlite``.
The PostgreSQL lane runs with ``ANXIN_TEST_LANE=postgresql`` and ``ANXIN_TEST_DATABASE_URL``
taken from the first of:

1. ``ANXIN_TEST_DATABASE_URL`` already in the environment (used as is, never created or dropped);
2. a server on 127.0.0.1:5432, reached as ``ANXIN_TEST_PGUSER`` (default ``postgres``), in which
   a database ``anxin_test_<hex>`` is created for the lane and dropped afterwards;
3. a throwaway cluster started from local PostgreSQL binaries in a temporary directory and
   removed afterwards (``--throwaway`` forces this, skipping 1 and 2).

If none works, the PostgreSQL lane fails; it is never skipped silently.
``ANXIN_TEST_LANES=sqlite`` (or ``postgresql``, or a comma list) runs only those lanes.

Exit status: 0 when every lane passed, otherwise the worst lane's pytest exit code
("no tests collected", exit 5, counts as a failure; a lane without a database counts as 1),
or 130 when interrupted.
"""

from __future__ import annotations

import locale
import os
import pwd
import re
import secrets
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec
from urllib.parse import quote

import psycopg
from psycopg import sql

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANES = ("sqlite", "postgresql")
URL_ENV = "ANXIN_TEST_DATABASE_URL"
LANE_ENV = "ANXIN_TEST_LANE"
LANES_ENV = "ANXIN_TEST_LANES"
PGUSER_ENV = "ANXIN_TEST_PGUSER"
THROWAWAY_FLAG = "--throwaway"
PARALLEL_FLAG = "--parallel"

PG_INSTALL_ROOT = Path("/usr/lib/postgresql")
LOCAL_HOST = "127.0.0.1"
LOCAL_PORT = 5432
CONNECT_TIMEOUT_S = 3
CLUSTER_SUPERUSER = "postgres"
CLUSTER_START_ATTEMPTS = 3
PG_SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
)
PG_FORCE_DROP_MIN_VERSION = 130000
NO_SERVER_EXIT = 1
INTERRUPTED_EXIT = 130
# Enough for pytest's short summary of a failing run, where the skips are listed.
OUTPUT_TAIL_BYTES = 262144
INTERRUPT_GRACE_S = 15.0

PYTEST_EXIT_MEANINGS = {
    1: "tests failed",
    2: "interrupted",
    3: "internal error",
    4: "usage error",
    5: "no tests collected",
}
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
PYTEST_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b")
PYTEST_FINAL_LINE = re.compile(r"\bin \d+(?:\.\d+)?s\b")
# pytest -ra's short summary: "SKIPPED [2] tests/x.py:12: reason" (the count groups repeats).
PYTEST_SKIP_LINE = re.compile(r"^SKIPPED \[\d+\] .*$", re.MULTILINE)

P = ParamSpec("P")


class NoServerError(Exception):
    """No PostgreSQL server could be found or started for the lane."""


class UsageError(Exception):
    """The script was configured wrongly (bad ANXIN_TEST_LANES)."""


@dataclass(frozen=True)
class PgDatabase:
    url: str
    source: str


@dataclass(frozen=True)
class LaneResult:
    lane: str
    exit_code: int
    seconds: float
    detail: str
    skips: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.exit_code == 0


class Output:
    """Where a lane's output goes: straight to ours, or, when lanes run side by side, line
    by line with the lane's name in front (whole lines, so two lanes never split one)."""

    _lock = threading.Lock()

    def __init__(self, lane: str | None = None) -> None:
        self.prefix = b"" if lane is None else f"[{lane}] ".encode()
        self.pending = bytearray()

    def write(self, chunk: bytes) -> None:
        if not self.prefix:
            # Chunks, not lines: pytest's progress dots and pdb prompts show before a newline.
            self._emit(chunk)
            return
        self.pending.extend(chunk)
        *lines, rest = self.pending.split(b"\n")
        self.pending = bytearray(rest)
        if lines:
            self._emit(b"".join(self.prefix + line + b"\n" for line in lines))

    def say(self, text: str) -> None:
        self.write(text.encode() + b"\n")

    def close(self) -> None:
        if self.pending:
            self._emit(self.prefix + bytes(self.pending) + b"\n")
            self.pending.clear()

    def _emit(self, data: bytes) -> None:
        with self._lock:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()


# ---------------------------------------------------------------------------- lanes


def selected_lanes() -> list[str]:
    requested = {
        name.strip().lower() for name in os.environ.get(LANES_ENV, "").split(",") if name.strip()
    }
    unknown = requested - set(LANES)
    if unknown:
        raise UsageError(
            f"{LANES_ENV}: unknown lane(s) {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(LANES)}"
        )
    return [lane for lane in LANES if not requested or lane in requested]


def run_lane(
    lane: str, pytest_args: list[str], force_throwaway: bool, out: Output | None = None
) -> LaneResult:
    out = out or Output()
    out.say(f"\n==== lane: {lane} ====")
    started = time.monotonic()
    if lane == "sqlite":
        exit_code, output = run_pytest(pytest_args, child_env(lane, database_url=None), out)
        return lane_result(lane, exit_code, output, time.monotonic() - started)

    with ExitStack() as cleanup:
        try:
            database = provision_postgres(cleanup, force_throwaway)
        except (NoServerError, OSError) as exc:
            report_no_server(exc)
            seconds = time.monotonic() - started
            detail = f"no PostgreSQL server, {seconds:.1f} s"
            return LaneResult(lane, NO_SERVER_EXIT, seconds, detail)
        setup_s = time.monotonic() - started
        out.say(f"PostgreSQL URL from: {database.source}; ready in {setup_s:.1f} s")
        exit_code, output = run_pytest(pytest_args, child_env(lane, database.url), out)
    return lane_result(lane, exit_code, output, time.monotonic() - started)


def child_env(lane: str, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(URL_ENV, None)
    env[LANE_ENV] = lane
    if database_url is not None:
        env[URL_ENV] = database_url
    # pytest writes into our pipe, not a terminal: keep its output live and, when we are on a
    # terminal ourselves, as colourful and as wide as it would have been.
    env.setdefault("PYTHONUNBUFFERED", "1")
    if sys.stdout.isatty():
        if "NO_COLOR" not in env:
            env.setdefault("PY_COLORS", "1")
        env.setdefault("COLUMNS", str(shutil.get_terminal_size().columns))
    return env


def report_no_server(exc: Exception) -> None:
    print(
        f"\nPostgreSQL lane: could not get a PostgreSQL server: {exc}\n"
        "Point the lane at a database you own, e.g.\n"
        f"  {URL_ENV}=postgresql+psycopg://user:pass@host:5432/db make test\n"
        "or install the PostgreSQL server binaries (initdb, pg_ctl) so that a throwaway cluster\n"
        f"can be started. The lane counts as FAILED ({LANES_ENV}=sqlite runs SQLite only).\n",
        file=sys.stderr,
        flush=True,
    )


# ---------------------------------------------------------------------------- pytest


def run_pytest(pytest_args: list[str], env: dict[str, str], out: Output) -> tuple[int, str]:
    """Run pytest, streaming its output; return its exit code and the tail of its output."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", *pytest_args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
    )
    tail = bytearray()
    try:
        stream_output(proc, tail, out)
        exit_code = proc.wait()
    except KeyboardInterrupt:
        wind_down(proc, tail, out)
        raise
    finally:
        out.close()
    return exit_code, tail.decode(errors="replace")


def stream_output(
    proc: subprocess.Popen[bytes], tail: bytearray, out: Output, timeout: float | None = None
) -> bool:
    """Copy the child's stdout to ours until EOF (True) or until timeout seconds pass (False)."""
    if proc.stdout is None:
        raise RuntimeError("pytest was started without a stdout pipe")
    fd = proc.stdout.fileno()
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        if deadline is not None:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return False
        chunk = os.read(fd, 65536)
        if not chunk:
            return True
        out.write(chunk)
        tail.extend(chunk)
        del tail[:-OUTPUT_TAIL_BYTES]


def wind_down(proc: subprocess.Popen[bytes], tail: bytearray, out: Output) -> None:
    """After Ctrl-C, let pytest (which got the SIGINT too) print its report, then end it."""
    try:
        if not stream_output(proc, tail, out, timeout=INTERRUPT_GRACE_S):
            proc.terminate()
        proc.wait(timeout=5)
    except (KeyboardInterrupt, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()


def lane_result(lane: str, exit_code: int, output: str, seconds: float) -> LaneResult:
    counts = pytest_counts(output)
    skips = pytest_skips(output)
    duration = f"{seconds:.1f} s"
    if exit_code == 0:
        total = sum(counts.values())
        skipped = counts.get("skipped", 0)
        parts = [f"{total} tests"] if counts else []
        if skipped:
            parts.append(f"{skipped} skipped")
        return LaneResult(lane, exit_code, seconds, ", ".join([*parts, duration]), skips)
    meaning = PYTEST_EXIT_MEANINGS.get(exit_code, "failed")
    outcomes = [f"{n} {outcome}" for outcome, n in counts.items()]
    detail = ", ".join([f"exit {exit_code}: {meaning}", *outcomes, duration])
    return LaneResult(lane, exit_code, seconds, detail, skips)


def pytest_skips(output: str) -> tuple[str, ...]:
    """Every skip with its reason, from pytest's short summary (-ra, the suite's default)."""
    return tuple(PYTEST_SKIP_LINE.findall(ANSI_ESCAPE.sub("", output)))


def pytest_counts(output: str) -> dict[str, int]:
    """Outcome counts from pytest's final line ("3 failed, 309 passed in 4.20s")."""
    for line in reversed(ANSI_ESCAPE.sub("", output).splitlines()):
        if PYTEST_FINAL_LINE.search(line):
            counts: dict[str, int] = {}
            for number, outcome in PYTEST_COUNT.findall(line):
                key = "errors" if outcome.startswith("error") else outcome
                counts[key] = counts.get(key, 0) + int(number)
            return counts
    return {}


# ---------------------------------------------------------------------------- PostgreSQL


def provision_postgres(cleanup: ExitStack, force_throwaway: bool) -> PgDatabase:
    """Find or make a database for the lane; its teardown is registered on cleanup."""
    env_url = os.environ.get(URL_ENV)
    if force_throwaway:
        if env_url:
            print(f"{THROWAWAY_FLAG}: ignoring {URL_ENV} from the environment", flush=True)
    else:
        if env_url:
            return PgDatabase(env_url, "env")
        database = database_on_local_server(cleanup)
        if database is not None:
            return database
    return database_in_throwaway_cluster(cleanup)


def database_on_local_server(cleanup: ExitStack) -> PgDatabase | None:
    user = os.environ.get(PGUSER_ENV) or CLUSTER_SUPERUSER
    name = f"anxin_test_{secrets.token_hex(6)}"
    try:
        create_database(LOCAL_HOST, LOCAL_PORT, user, name)
    except psycopg.Error as exc:
        print(
            f"no usable PostgreSQL on {LOCAL_HOST}:{LOCAL_PORT} as {user!r} "
            f"({first_line(exc)}); trying a throwaway cluster",
            flush=True,
        )
        return None
    cleanup.callback(shielded, drop_database, LOCAL_HOST, LOCAL_PORT, user, name)
    url = database_url(user, LOCAL_HOST, LOCAL_PORT, name)
    return PgDatabase(url, f"local server {LOCAL_HOST}:{LOCAL_PORT} (database {name})")


def database_in_throwaway_cluster(cleanup: ExitStack) -> PgDatabase:
    bindir = postgres_bindir()
    as_postgres = postgres_command_wrapper()
    workdir = Path(tempfile.mkdtemp(prefix="anxin-pg-"))
    cleanup.callback(shielded, shutil.rmtree, workdir, ignore_errors=True)
    if os.geteuid() == 0:
        account = pwd.getpwnam(CLUSTER_SUPERUSER)
        os.chown(workdir, account.pw_uid, account.pw_gid)
    datadir = workdir / "data"
    run_pg_tool(
        as_postgres(
            [
                str(bindir / "initdb"),
                *("-D", str(datadir), "-U", CLUSTER_SUPERUSER, "-A", "trust", "--no-sync"),
                # Independent of whatever locale this shell has: UTF-8 for the Chinese data.
                *("-E", "UTF8", f"--locale={cluster_locale()}"),
            ]
        ),
        workdir,
        "initdb",
    )
    # Registered before starting so that a half-started server is stopped too.
    cleanup.callback(shielded, stop_cluster, bindir, datadir, workdir, as_postgres)
    port = start_cluster(bindir, datadir, workdir, as_postgres)
    name = f"anxin_test_{secrets.token_hex(6)}"
    try:
        create_database(LOCAL_HOST, port, CLUSTER_SUPERUSER, name)
    except psycopg.Error as exc:
        raise NoServerError(f"throwaway cluster started but not usable: {first_line(exc)}") from exc
    url = database_url(CLUSTER_SUPERUSER, LOCAL_HOST, port, name)
    return PgDatabase(url, f"throwaway cluster at port {port} (database {name})")


def start_cluster(
    bindir: Path, datadir: Path, workdir: Path, as_postgres: Callable[[list[str]], list[str]]
) -> int:
    """Start the cluster on a free port; retried because the port can be taken meanwhile."""
    logfile = workdir / "server.log"
    for attempt in range(1, CLUSTER_START_ATTEMPTS + 1):
        port = free_port()
        options = f"-p {port} -k {shlex.quote(str(workdir))} {PG_SERVER_OPTIONS}"
        command = [str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(logfile)]
        try:
            run_pg_tool(
                as_postgres([*command, "-o", options, "-w", "-t", "60", "start"]),
                workdir,
                "pg_ctl start",
                logfile,
            )
        except NoServerError:
            if attempt == CLUSTER_START_ATTEMPTS:
                raise
            continue
        return port
    raise AssertionError("unreachable")


def stop_cluster(
    bindir: Path, datadir: Path, workdir: Path, as_postgres: Callable[[list[str]], list[str]]
) -> None:
    if not (datadir / "postmaster.pid").exists():
        return
    command = [str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"]
    result = subprocess.run(as_postgres(command), cwd=workdir, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"warning: could not stop the throwaway cluster in {datadir}:", file=sys.stderr)
        print(result.stderr or result.stdout, file=sys.stderr, flush=True)


def run_pg_tool(command: list[str], cwd: Path, what: str, logfile: Path | None = None) -> None:
    # Output is captured, not streamed: on success it is noise, on failure it is the error.
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode == 0:
        return
    output = (result.stderr or result.stdout).strip()
    if logfile is not None and logfile.exists():
        output += "\n" + logfile.read_text(errors="replace").strip()
    raise NoServerError(f"{what} failed (exit {result.returncode}):\n{output}")


def postgres_bindir() -> Path:
    """The directory holding initdb and pg_ctl: PATH first, else the newest Debian-style install."""
    on_path = [shutil.which(tool) for tool in ("initdb", "pg_ctl")]
    candidates = [Path(p).resolve().parent for p in on_path if p is not None]
    installed = sorted(PG_INSTALL_ROOT.glob("*/bin"), key=lambda p: version_key(p.parent.name))
    candidates.extend(reversed(installed))
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise NoServerError(
        f"no initdb/pg_ctl on PATH or in {PG_INSTALL_ROOT}/*/bin for a throwaway cluster"
    )


def version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def postgres_command_wrapper() -> Callable[[list[str]], list[str]]:
    """Run PostgreSQL tools directly, or as the postgres user when root (which they refuse)."""
    if os.geteuid() != 0:
        return lambda command: command
    try:
        pwd.getpwnam(CLUSTER_SUPERUSER)
    except KeyError:
        raise NoServerError(
            "running as root, which PostgreSQL refuses, and there is no "
            f"{CLUSTER_SUPERUSER!r} system user to run a throwaway cluster as"
        ) from None
    runuser = shutil.which("runuser") or next(
        (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if Path(p).is_file()), None
    )
    if runuser is not None:
        return lambda command: [runuser, "-u", CLUSTER_SUPERUSER, "--", *command]
    return lambda command: ["su", CLUSTER_SUPERUSER, "-c", shlex.join(command)]


def cluster_locale() -> str:
    # C.UTF-8 classifies characters by Unicode (upper/lower, ILIKE) yet sorts bytewise, like the
    # servers we deploy on; not every libc has it, and plain C always exists.
    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        return "C"
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
    return "C.UTF-8"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCAL_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def admin_connection(host: str, port: int, user: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=host,
        port=port,
        user=user,
        dbname="postgres",
        connect_timeout=CONNECT_TIMEOUT_S,
        autocommit=True,
    )


def create_database(host: str, port: int, user: str, name: str) -> None:
    with admin_connection(host, port, user) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(host: str, port: int, user: str, name: str) -> None:
    try:
        with admin_connection(host, port, user) as conn:
            # WITH (FORCE) ends sessions a crashed or interrupted test run left behind.
            force = conn.info.server_version >= PG_FORCE_DROP_MIN_VERSION
            statement = "DROP DATABASE IF EXISTS {} WITH (FORCE)" if force else "DROP DATABASE {}"
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))
    except psycopg.Error as exc:
        print(
            f"warning: could not drop test database {name} on {host}:{port}: {first_line(exc)}",
            file=sys.stderr,
            flush=True,
        )


def database_url(user: str, host: str, port: int, name: str) -> str:
    return f"postgresql+psycopg://{quote(user, safe='')}@{host}:{port}/{name}"


def shielded(fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> None:
    """Run a cleanup step with Ctrl-C ignored, so a second Ctrl-C cannot leave debris behind.
    Only the main thread may set signal handlers; a lane run side by side (in a thread of its
    own) cleans up as it is, and the main thread is waiting for it then anyway."""
    if threading.current_thread() is not threading.main_thread():
        fn(*args, **kwargs)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        fn(*args, **kwargs)
    finally:
        signal.signal(signal.SIGINT, previous)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------- main


def print_summary(results: list[LaneResult], interrupted_lane: str | None = None) -> None:
    print("\n==== lanes summary ====")
    for result in results:
        status = "passed" if result.passed else "FAILED"
        print(f"lane {result.lane}: {status} ({result.detail})")
        for skip in result.skips:
            print(f"  {skip}")
    if interrupted_lane is not None:
        print(f"lane {interrupted_lane}: INTERRUPTED")
    sys.stdout.flush()


def run_side_by_side(lanes: list[str], pytest_args: list[str], force_throwaway: bool) -> int:
    """Every lane at once, each in a thread of its own watching its pytest."""
    with ThreadPoolExecutor(max_workers=len(lanes)) as pool:
        futures = [
            pool.submit(run_lane, lane, pytest_args, force_throwaway, Output(lane))
            for lane in lanes
        ]
        try:
            results = [future.result() for future in futures]
        except KeyboardInterrupt:
            # Each pytest got the SIGINT too and is printing its report; wait for them.
            done = [f.result() for f in futures if not f.cancelled() and f.exception() is None]
            print_summary(done, interrupted_lane=", ".join(lanes))
            return INTERRUPTED_EXIT
    print_summary(results)
    return max(result.exit_code for result in results)


def main(argv: list[str]) -> int:
    force_throwaway = THROWAWAY_FLAG in argv
    parallel = PARALLEL_FLAG in argv
    pytest_args = [arg for arg in argv if arg not in (THROWAWAY_FLAG, PARALLEL_FLAG)]
    try:
        lanes = selected_lanes()
    except UsageError as exc:
        print(f"test_lanes: {exc}", file=sys.stderr)
        return 2
    if parallel and len(lanes) > 1:
        return run_side_by_side(lanes, pytest_args, force_throwaway)

    results: list[LaneResult] = []
    for lane in lanes:
        try:
            results.append(run_lane(lane, pytest_args, force_throwaway))
        except KeyboardInterrupt:
            print_summary(results, interrupted_lane=lane)
            return INTERRUPTED_EXIT
    print_summary(results)
    return max(result.exit_code for result in results)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
