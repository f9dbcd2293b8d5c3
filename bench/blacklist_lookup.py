"""Blacklist lookups and screenings under load (DESIGN §8).

Targets: a lookup — authenticated, receipted and logged — reaches ≥ 50 % of the requests
per second of an `async def` FastAPI endpoint returning a constant, measured in the same
run on the same machine (one uvicorn worker pinned to core 0, wrk pinned to core 1, 64
connections), with p99 ≤ 25 ms; a screening of 1,000 items takes ≤ 20 ms (median).

It builds a fresh embedded database under a temporary directory with the demo district and
--entries published listings, starts `anxin serve` and the constant app (bench/constant_app.py)
one after the other on core 0, and drives each with wrk (`apt-get install wrk`).

Run: .venv/bin/python bench/blacklist_lookup.py [--entries 2000] [--duration 15]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from support import BIN, ROOT, cpu_seconds, credit_code, publish_listings, start_pinned, stop

from app.cli.demo import load_demo
from app.core.config import Settings
from app.core.crypto import PersonalDataCipher
from app.core.database import Database
from app.core.startup import prepare

PASSWORD = "benchmark password 1"


def build(var: Path, entries: int) -> tuple[str, str, list[str]]:
    settings = Settings(var_dir=var, password_hash_time_cost=1, password_hash_memory_kib=8192)
    prepare(settings)
    database = Database.from_settings(settings)
    cipher = PersonalDataCipher.load(settings.effective_keys_dir)
    with database.session(write=True) as session:
        credentials = load_demo(session, PASSWORD)
        session.commit()
    client = next(c for c in credentials if "machine client" in c.who)
    with database.session(write=True) as session:
        listed = publish_listings(session, cipher, entries)
        session.commit()
    database.dispose()
    # Half the codes looked up are listed, half are not.
    codes = listed + [credit_code(entries + i) for i in range(entries)]
    return client.login, client.secret, codes


def serve(command: list[str], env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    return start_pinned(command, env, url, core=0)


def wrk(
    url: str, duration: int, env: dict[str, str], script: str | None = None, pid: int = 0
) -> dict[str, float]:
    command = ["taskset", "-c", "1", "wrk", "-t1", "-c64", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", script]
    before = cpu_seconds(pid) if pid else 0.0
    out = subprocess.run(
        [*command, url], env=env, capture_output=True, text=True, check=True
    ).stdout
    used = cpu_seconds(pid) - before if pid else 0.0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": float(errors.group(1)) if errors else 0.0,
        "cpu_us": used / count * 1e6 if count else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--duration", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp) / "var"
        client_id, secret, codes = build(var, args.entries)
        codes_file = Path(tmp) / "codes.txt"
        codes_file.write_text("\n".join(codes) + "\n")
        env = {
            **os.environ,
            "ANXIN_VAR_DIR": str(var),
            "ANXIN_LOG_LEVEL": "WARNING",
            # The fair-use limit would turn a load test into a 429 test.
            "ANXIN_RATE_LIMIT_LOOKUPS_PER_MINUTE": "100000000",
            "ANXIN_RATE_LIMIT_SCREENINGS_PER_MINUTE": "100000000",
        }
        results: dict[str, dict[str, float]] = {}
        constant = serve(
            [
                str(BIN / "uvicorn"),
                "bench.constant_app:app",
                "--port",
                "8766",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            {**env, "PYTHONPATH": str(ROOT)},
            "http://127.0.0.1:8766/constant",
        )
        try:
            wrk("http://127.0.0.1:8766/constant", 3, env)  # warm-up
            results["constant async def endpoint"] = wrk(
                "http://127.0.0.1:8766/constant", args.duration, env, pid=constant.pid
            )
        finally:
            stop(constant)
        anxin = serve(
            [str(BIN / "anxin"), "serve", "--port", "8765"], env, "http://127.0.0.1:8765/readyz"
        )
        try:
            token = httpx.post(
                "http://127.0.0.1:8765/v1/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                },
            ).json()["access_token"]
            lua_env = {**env, "ANXIN_TOKEN": token, "ANXIN_CODES": str(codes_file)}
            script = str(ROOT / "bench" / "lua" / "lookups.lua")
            wrk("http://127.0.0.1:8765", 3, lua_env, script)  # warm-up
            results["GET /v1/blacklist/lookup/{code}"] = wrk(
                "http://127.0.0.1:8765", args.duration, lua_env, script, pid=anxin.pid
            )
            headers = {"Authorization": f"Bearer {token}"}
            batch = {
                "items": [{"credit_code": c} for c in codes[:: max(1, len(codes) // 1000)][:1000]]
            }
            times, server_times = [], []
            with httpx.Client(base_url="http://127.0.0.1:8765", headers=headers) as http:
                for _ in range(5):
                    http.post("/v1/blacklist/screenings", json=batch).raise_for_status()
                for _ in range(30):
                    started = time.perf_counter()
                    answer = http.post("/v1/blacklist/screenings", json=batch)
                    times.append((time.perf_counter() - started) * 1000)
                    answer.raise_for_status()
                    # The server's own time (Server-Timing: app;dur=…), which the target is
                    # about; the round trip adds the client's encoding and the transfer.
                    server_times.append(float(answer.headers["server-timing"].split("dur=")[1]))
        finally:
            stop(anxin)
    base = results["constant async def endpoint"]
    print(
        f"\n{args.entries:,} published entries; wrk -t1 -c64 -d{args.duration}s, "
        "server on core 0, wrk on core 1\n"
    )
    print(
        f"{'case':36} {'req/s':>9} {'share':>6} {'p50':>8} {'p99':>8} {'non-2xx':>8} "
        f"{'CPU/req':>9} {'share':>6}"
    )
    for name, r in results.items():
        print(
            f"{name:36} {r['rps']:9,.0f} {r['rps'] / base['rps']:6.0%} {r['p50']:6.2f}ms "
            f"{r['p99']:6.2f}ms {r['non2xx']:8,.0f} {r['cpu_us']:7.0f}µs "
            f"{base['cpu_us'] / r['cpu_us']:6.0%}"
        )
    print(
        "\n(CPU/req: the server process's CPU time per answered request; its share is the "
        "constant's CPU/req over this one's, the throughput share on a core of its own.)"
    )
    print(
        f"\nscreening of {len(batch['items']):,} items, 30 runs: server time (Server-Timing) "
        f"median {statistics.median(server_times):.1f} ms, min {min(server_times):.1f} ms, "
        f"max {max(server_times):.1f} ms; round trip over loopback median "
        f"{statistics.median(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
