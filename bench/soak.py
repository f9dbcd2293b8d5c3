"""Load and soak: a realistic mix at a steady rate against a real `anxin serve` (issue 9).

Builds a fresh database (embedded SQLite under a temporary directory, or the EMPTY
PostgreSQL database of --database-url) holding the demo district (`anxin demo`) and
--listings published blacklist listings, starts `anxin serve` (one worker) pinned to core 0
and locust (bench/locustfile.py, headless) pinned to core 1, and runs the mix of
bench/soak_mix.py at --rate requests per second for --duration seconds. Meanwhile it samples
the server's RSS (/proc/<pid>/status) and CPU time every --sample-seconds.

It prints the achieved rate, the error rate, p50/p95/p99 per route after the warm-up, the
RSS over time and the verdict on memory growth (median RSS of the last minute against the
first minute after warm-up: at most 10 % more), and writes all of it as JSON to --output,
with beside it the raw request log (.requests.csv), the server's log (.server.log) and
locust's own summary (.locust.log). Exit status 1 when a request failed or memory grew
beyond the limit. See docs/performance.md ("Load and soak").

The soak (10 minutes at 100 requests/s, on a quiet machine):
    .venv/bin/python bench/soak.py --rate 100 --duration 600 --output var/soak/soak.json
A short check that everything works:
    .venv/bin/python bench/soak.py --duration 60 --output /tmp/soak/check.json
Needs locust: .venv/bin/pip install -e '.[load]'
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import soak_data
import soak_report
from soak_mix import MIX, total_users
from support import (
    BIN,
    ROOT,
    cpu_seconds,
    free_port,
    memory_kib,
    run_delay_seconds,
    start_pinned,
    stop,
)

RAISED_LIMIT = "100000000"  # per minute: the fair-use limits must not shape a load test


class Sampler(threading.Thread):
    """Samples a process's resident memory, CPU time and time spent waiting for a CPU at a
    fixed interval."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[dict[str, float]] = []
        self.started = time.monotonic()
        self.done = threading.Event()

    def sample(self) -> None:
        memory = memory_kib(self.pid)
        self.samples.append(
            {
                "t": round(time.monotonic() - self.started, 2),
                "rss_kib": memory["VmRSS"],
                "hwm_kib": memory["VmHWM"],
                "anon_kib": memory["RssAnon"],
                "file_kib": memory["RssFile"],
                "shmem_kib": memory["RssShmem"],
                "cpu_s": cpu_seconds(self.pid),
                "waited_s": run_delay_seconds(self.pid),
            }
        )

    def run(self) -> None:
        tick = self.started + self.interval
        while not self.done.wait(max(0.0, tick - time.monotonic())):
            try:
                self.sample()
            except FileNotFoundError:  # the server died; the run reports it
                return
            tick += self.interval

    def finish(self) -> list[dict[str, float]]:
        self.done.set()
        self.join()
        return self.samples


def server_env(var: Path, database_url: str | None, extra: list[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANXIN_")}
    env.update(
        ANXIN_VAR_DIR=str(var),
        ANXIN_LOG_LEVEL="WARNING",
        ANXIN_RATE_LIMIT_LOOKUPS_PER_MINUTE=RAISED_LIMIT,
        ANXIN_RATE_LIMIT_SCREENINGS_PER_MINUTE=RAISED_LIMIT,
        ANXIN_RATE_LIMIT_SEARCHES_PER_MINUTE=RAISED_LIMIT,
    )
    if database_url:
        env.update(ANXIN_DATABASE_URL=database_url, ANXIN_KEYS_DIR=str(var / "keys"))
    for setting in extra:  # e.g. ANXIN_DATABASE_POOL_SIZE=3, to try a setting's effect
        key, _, value = setting.partition("=")
        env[key] = value
    return env


def memory_probe_env(path: Path) -> dict[str, str]:
    """Puts bench/memprobe first on the server's PYTHONPATH: its sitecustomize starts a
    thread that records Python objects, malloc's arenas and SQLite's memory (memprobe.py)."""
    path.unlink(missing_ok=True)
    return {"PYTHONPATH": str(ROOT / "bench" / "memprobe"), "ANXIN_SOAK_PROBE": str(path)}


def spawn_rate(users: int, warmup: int) -> float:
    """Users started per second: all of them within the first half of the warm-up (at most
    15 s). Started at once, every user's sign-in would queue for SQLite's single writer and
    the run would measure a login storm (docs/performance.md, "Load and soak"), not the
    steady state."""
    return users / max(1.0, min(15.0, warmup / 2))


def run_locust(args: argparse.Namespace, port: int, fixture: Path, output: Path) -> int:
    users = total_users()
    command = [
        "taskset", "-c", "1", str(BIN / "locust"),
        "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "--only-summary", "--loglevel", "WARNING",
        "--host", f"http://127.0.0.1:{port}",
        "--users", str(users), "--spawn-rate", f"{spawn_rate(users, args.warmup):.2f}",
        "--run-time", f"{args.duration}s", "--stop-timeout", "10",
        "--fixture", str(fixture),
        "--total-rate", str(args.rate),
        "--request-log", str(output.with_suffix(".requests.csv")),
    ]  # fmt: skip
    with output.with_suffix(".locust.log").open("wb") as log:
        # Locust exits 1 when any request failed; the report says which, so no check here.
        return subprocess.run(
            command, stdout=log, stderr=subprocess.STDOUT, timeout=args.duration + 120
        ).returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=100, help="requests/s in all (100)")
    parser.add_argument("--duration", type=int, default=600, help="seconds of load (600)")
    parser.add_argument(
        "--warmup", type=int, help="seconds left out of the figures (60, at most duration/4)"
    )
    parser.add_argument("--sample-seconds", type=float, default=5, help="RSS sampling (5)")
    parser.add_argument("--listings", type=int, default=2000, help="published listings")
    parser.add_argument(
        "--enterprises", type=int, default=0, help="also generate N enterprises with records"
    )
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database (default SQLite)")
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an extra environment variable for the server (repeatable)",
    )
    parser.add_argument(
        "--probe",
        action="store_true",
        help="also record, from inside the server, where its memory goes (.probe.jsonl)",
    )
    parser.add_argument("--output", required=True, help="results JSON; logs are put beside it")
    args = parser.parse_args()
    args.warmup = args.warmup if args.warmup is not None else min(60, args.duration // 4)
    if not 0 <= args.warmup < args.duration:
        parser.error("--warmup must be shorter than --duration")
    args.started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    output = Path(args.output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="anxin-soak-") as tmp:
        var = Path(tmp) / "var"
        print(f"building the demo district and {args.listings:,} listings …", flush=True)
        built = soak_data.build(var, args.database_url, args.listings, args.enterprises)
        fixture = Path(tmp) / "fixture.json"
        fixture.write_text(json.dumps(built, ensure_ascii=False), encoding="utf-8")
        port = free_port()
        env = server_env(var, args.database_url, args.server_env)
        if args.probe:
            env.update(memory_probe_env(output.with_suffix(".probe.jsonl")))
        with output.with_suffix(".server.log").open("wb") as server_log:
            server = start_pinned(
                [str(BIN / "anxin"), "serve", "--port", str(port)],
                env,
                f"http://127.0.0.1:{port}/readyz",
                core=0,
                log=server_log,
            )
            try:
                print(
                    f"anxin serve pid {server.pid} on core 0, locust on core 1: "
                    f"{args.rate:g} requests/s for {args.duration} s "
                    f"(warm-up {args.warmup} s) …",
                    flush=True,
                )
                sampler = Sampler(server.pid, args.sample_seconds)
                sampler.sample()  # at rest, before any load
                sampler.start()
                locust_status = run_locust(args, port, fixture, output)
                samples = sampler.finish()
                server_alive = server.poll() is None
            finally:
                stop(server)

    requests = output.with_suffix(".requests.csv")
    if not requests.exists():
        log = output.with_suffix(".locust.log").read_text(encoding="utf-8")
        raise SystemExit(f"locust wrote no request log; its output ends:\n{log[-3000:]}")
    report = soak_report.analyse(output.with_suffix(".requests.csv"), samples, settings(args), MIX)
    report["locust_exit_status"] = locust_status
    report["server_alive_at_end"] = server_alive
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(soak_report.render(report))
    print(f"\nresults: {output} (server log, request log and locust's summary beside it)")
    passed = report["errors"]["count"] == 0 and report["memory"]["verdict"] == "pass"
    return 0 if passed and server_alive else 1


def settings(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "rate": args.rate,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "sample_seconds": args.sample_seconds,
        "listings": args.listings,
        "generated_enterprises": args.enterprises,
        "database": "postgresql" if args.database_url else "sqlite (embedded)",
        "server_env": args.server_env,
        "probe": args.probe,
        "cores": {"server": 0, "locust": 1},
        "commit": soak_report.commit(ROOT),
        "started_at": args.started_at,
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    raise SystemExit(main())
