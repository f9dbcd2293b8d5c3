"""A burst of sign-ins against a real `anxin serve`: its peak memory and how long the burst
takes, with Argon2id's production cost (t=3, 64 MiB), for each bound on the hashes that run
at once (decision 48).

    .venv/bin/python bench/signin_burst.py --users 72 --output var/bench/signin_burst.json

Every user is a distinct account (one account's concurrent attempts would lock it), all
signing in at the same instant, as the soak's clients do when their tokens run out. Peak
memory is the kernel's high-water mark of the server's resident set (VmHWM), so a peak
between two samples is not missed. Each bound gets a fresh server process on the same
database; the server may use every core of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher
from support import BIN, free_port, memory_kib, start_pinned, stop

from app.core import clock
from app.core.config import Settings
from app.core.database import Database
from app.core.ids import new_id
from app.core.startup import prepare
from app.identity.bootstrap import bootstrap_platform
from app.identity.models import User

PASSWORD = "sign-in burst password"


def build(var: Path, users: int) -> list[str]:
    """A fresh embedded database with `users` platform accounts sharing one production-cost
    hash (the server verifies each with the cost stored in it)."""
    settings = Settings(var_dir=var, keys_dir=var / "keys")
    prepare(settings)
    stored = PasswordHasher().hash(PASSWORD)  # argon2-cffi's defaults: RFC 9106, 64 MiB
    database = Database.from_settings(settings)
    emails = [f"burst{i:03d}@anxin.bench" for i in range(users)]
    try:
        with database.session(write=True) as session:
            admin, _ = bootstrap_platform(session, "admin@anxin.bench", PASSWORD, "Bench")
            for email in emails:
                session.add(
                    User(
                        id=new_id("usr"),
                        organization_id=admin.organization_id,
                        email=email,
                        display_name=email,
                        role=admin.role,
                        grants="",
                        password_hash=stored,
                        status="active",
                        created_at=clock.now(),
                    )
                )
            session.commit()
    finally:
        database.dispose()
    return emails


def burst(port: int, emails: list[str]) -> dict[str, Any]:
    """Everyone signs in at once (released together by a barrier)."""
    start = threading.Barrier(len(emails))

    examples: dict[str, str] = {}

    def sign_in(email: str) -> tuple[int, float]:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            start.wait()
            began = time.monotonic()
            response = client.post(
                "/v1/auth/token",
                data={"grant_type": "password", "username": email, "password": PASSWORD},
            )
            if response.status_code != 200:
                examples.setdefault(str(response.status_code), response.text[:300])
            return response.status_code, time.monotonic() - began

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(emails)) as pool:
        answers = list(pool.map(sign_in, emails))
    seconds = sorted(duration for _, duration in answers)
    return {
        "wall_s": round(time.monotonic() - began, 2),
        "statuses": {str(s): sum(1 for c, _ in answers if c == s) for s in {c for c, _ in answers}},
        "slowest_s": round(seconds[-1], 2),
        "median_s": round(seconds[len(seconds) // 2], 2),
        "examples": examples,
    }


def measure(var: Path, emails: list[str], bound: str | None, log: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANXIN_")}
    env.update(ANXIN_VAR_DIR=str(var), ANXIN_LOG_LEVEL="WARNING")
    if bound is not None:
        env["ANXIN_PASSWORD_HASH_CONCURRENCY"] = bound
    port = free_port()
    cores = f"0-{len(os.sched_getaffinity(0)) - 1}"
    with log.open("wb") as server_log:
        server = start_pinned(
            [str(BIN / "anxin"), "serve", "--port", str(port)],
            env,
            f"http://127.0.0.1:{port}/readyz",
            core=cores,
            log=server_log,
        )
        try:
            at_rest = memory_kib(server.pid)
            figures = burst(port, emails)
            after = memory_kib(server.pid)
        finally:
            stop(server)
    return {
        "bound": bound or "default (one per usable CPU)",
        "rss_at_rest_mib": round(at_rest["VmRSS"] / 1024, 1),
        "peak_rss_mib": round(after["VmHWM"] / 1024, 1),
        "rss_after_mib": round(after["VmRSS"] / 1024, 1),
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=72, help="accounts signing in at once")
    parser.add_argument(
        "--bounds",
        default="default,40",
        help="comma-separated ANXIN_PASSWORD_HASH_CONCURRENCY values to compare; 40 is the "
        "request thread pool, i.e. no bound (default: default,40)",
    )
    parser.add_argument("--output", required=True, help="results JSON")
    args = parser.parse_args()
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="anxin-burst-") as tmp:
        var = Path(tmp) / "var"
        emails = build(var, args.users)
        results = [
            measure(
                var,
                emails,
                None if bound == "default" else bound,
                output.with_suffix(f".{bound}.server.log"),  # warnings: database faults
            )
            for bound in args.bounds.split(",")
        ]
    report = {"users": args.users, "cpus": len(os.sched_getaffinity(0)), "runs": results}
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{args.users} sign-ins at once, Argon2id t=3 64 MiB, {report['cpus']} CPUs")
    print("bound | RSS at rest | peak RSS | wall | median | slowest | statuses")
    for run in results:
        print(
            f"{run['bound']} | {run['rss_at_rest_mib']} MiB | {run['peak_rss_mib']} MiB | "
            f"{run['wall_s']} s | {run['median_s']} s | {run['slowest_s']} s | {run['statuses']}"
        )


if __name__ == "__main__":
    main()
