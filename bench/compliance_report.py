"""Compliance report of an enterprise of 1,000 people with full records (DESIGN §8: ≤ 100 ms).

Builds a fresh database (a temporary SQLite file by default, or the PostgreSQL database given
with --database-url, which must be empty), loads the hand-made demo (for its regulator),
generates ONE enterprise of --people people with full records using the `anxin demo
--enterprises` generator (hazardous chemicals, no defects), then times:

- `GET /v1/enterprises/{id}/compliance` through the app in-process (FastAPI TestClient, as the
  district regulator), --runs times after a warm-up: median, p95, SQL statements per report;
- the engine alone in a fresh session each run: `load_facts`, and `load_facts` + `judge`
  (= `evaluate`), so HTTP and serialization separate from evaluation.

Run: .venv/bin/python bench/compliance_report.py [--people 1000 --runs 30]
     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/anxin_bench_x]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.cli.demo import load_demo
from app.cli.demo_district import demo_actors, exemplary, generate
from app.core import clock, keys, migrations
from app.core.config import Settings
from app.enterprises.models import Enterprise
from app.identity import passwords
from app.main import create_app

PASSWORD = "benchmark password"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--industry", default="C2614", help="GB/T 4754 class of the generator")
    parser.add_argument("--database-url", help="an empty database to use (default: SQLite)")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the engine, then stop"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        migrations.upgrade(url)
        keys.ensure_keys(Path(tmp) / "keys")
        settings = Settings(
            database_url=url,
            var_dir=Path(tmp),
            keys_dir=Path(tmp) / "keys",
            log_level="WARNING",
            password_hash_time_cost=1,
            password_hash_memory_kib=8192,
        )
        passwords.configure(time_cost=1, memory_kib=8192)
        app = create_app(settings)
        with TestClient(app) as client:
            run(client, app, args)


def run(client: TestClient, app: Any, args: argparse.Namespace) -> None:
    # Imported once the app is built: the rule packs import the compliance package.
    from app.compliance.engine import judge, stack_of
    from app.compliance.facts import load_facts

    database = app.state.database
    with database.session(write=True) as session:
        load_demo(session, PASSWORD)
        session.commit()
    with database.session(write=False) as session:
        actor, verifier_id = demo_actors(session)
    planned = exemplary(53, 1, clock.today(), employees=args.people, industry_code=args.industry)
    generated = generate(
        database,
        app.state.cipher,
        [planned],
        actor=actor,
        verifier_id=verifier_id,
        seed=53,
        total=1,
    )
    enterprise_id = generated.enterprise_ids[0]
    records = generated.rows["record_versions"]
    print(
        f"database: {database.engine.dialect.name}; one enterprise ({args.industry}, "
        f"{args.people:,} people in service): {records:,} records, "
        f"{sum(generated.rows.values()):,} rows, generated in {generated.seconds:.2f} s"
    )
    for table, rows in sorted(generated.rows.items()):
        print(f"  {table:32} {rows:>8,}")

    token = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "regulator@huiji.demo", "password": PASSWORD},
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/v1/enterprises/{enterprise_id}/compliance"

    statements = Counter[str]()

    def count(*_: Any) -> None:
        statements["now"] += 1

    event.listen(database.engine, "before_cursor_execute", count)

    def http() -> None:
        response = client.get(path, headers=headers)
        response.raise_for_status()

    def facts_only() -> None:
        with database.session(write=False) as session:
            load_facts(session, session.get_one(Enterprise, enterprise_id), clock.today())

    def engine() -> None:
        with database.session(write=False) as session:
            enterprise = session.get_one(Enterprise, enterprise_id)
            facts = load_facts(session, enterprise, clock.today())
            judge(stack_of(enterprise, clock.today()), facts)

    if args.profile:
        import cProfile
        import pstats

        engine()
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [engine() for _ in range(5)])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        with database.session(write=False) as session:
            enterprise = session.get_one(Enterprise, enterprise_id)
            facts = load_facts(session, enterprise, clock.today())
            print("rule time, each on fresh facts (shared views included where first used):")
            for rule in (r for p in stack_of(enterprise, clock.today()).packs for r in p.rules):
                fresh = replace(facts, memo={})
                started = time.perf_counter()
                rule.check(fresh)
                print(f"  {rule.id:12} {(time.perf_counter() - started) * 1e3:6.1f} ms")
        return

    report = client.get(path, headers=headers).json()
    print(
        "packs:", ", ".join(p["id"] for p in report["packs"]), f"({len(report['findings'])} rules)"
    )
    print("report summary:", report["summary"]["by_status"])
    failing = [f["rule_id"] for f in report["findings"] if f["status"] == "fail"]
    print("failing rules:", ", ".join(failing) or "none")
    # CPU: the process's CPU time per run (all its threads), a steadier figure than the wall
    # clock on a shared VM, where waiting for a core shows up in the median.
    print(f"\n{'case':44} {'median':>9} {'p95':>9} {'min':>9} {'CPU med':>9} {'SQL/run':>8}")
    for name, action in (
        ("GET /v1/enterprises/{id}/compliance (HTTP)", http),
        ("engine: load_facts + judge (= evaluate)", engine),
        ("engine: load_facts only", facts_only),
    ):
        median, p95, fastest, cpu, sql = measure(action, args.runs, statements)
        print(
            f"{name:44} {median * 1e3:7.1f}ms {p95 * 1e3:7.1f}ms {fastest * 1e3:7.1f}ms "
            f"{cpu * 1e3:7.1f}ms {sql:>8}"
        )
    event.remove(database.engine, "before_cursor_execute", count)


def measure(
    action: Callable[[], None], runs: int, statements: Counter[str]
) -> tuple[float, float, float, float, int]:
    for _ in range(3):  # warm-up: caches, compiled statements, connections
        action()
    statements["now"] = 0
    action()
    sql = statements["now"]
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return (
        statistics.median(times),
        percentile(times, 0.95),
        min(times),
        statistics.median(cpu),
        sql,
    )


if __name__ == "__main__":
    main()
