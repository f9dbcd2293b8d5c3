"""The whole demo district evaluated at once (DESIGN §8: 10,000 enterprises in ≤ 120 s).

Builds the district with the `anxin demo --enterprises N` generator into a fresh database
(a SQLite file under --data-dir, or the empty PostgreSQL database of --database-url), or
reuses one built by an earlier run, then times, as the district's regulator:

- `GET /v1/regions/410108/compliance-overview` through the app (in-process TestClient);
- `GET /v1/regions/410108/enterprises?failing_rule=…` for the first page of the rule that
  fails most often (a drill-down scans until it has a page).

Run:
    .venv/bin/python bench/compliance_district.py --enterprises 10000 --data-dir /tmp/district
    .venv/bin/python bench/compliance_district.py --database-url postgresql+psycopg://…/db
(a second run with the same --data-dir or database skips the generation).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.cli.demo import load_demo
from app.cli.demo_district import generate_district
from app.core import keys, migrations
from app.core.config import Settings
from app.enterprises.models import Enterprise
from app.identity import passwords
from app.main import create_app
from app.registry.base import RecordVersion

PASSWORD = "demo district password"
REGULATOR = "regulator@huiji.demo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--data-dir", default="var/bench-district", help="SQLite file and keys")
    parser.add_argument("--database-url", help="a PostgreSQL database (empty, or built before)")
    parser.add_argument("--as-of", default=None, help="evaluation date (default today)")
    args = parser.parse_args()
    data = Path(args.data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{data}/district.db"
    migrations.upgrade(url)
    keys.ensure_keys(data / "keys")
    settings = Settings(
        database_url=url,
        var_dir=data,
        keys_dir=data / "keys",
        log_level="WARNING",
        password_hash_time_cost=1,
        password_hash_memory_kib=8192,
    )
    passwords.configure(time_cost=1, memory_kib=8192)
    app = create_app(settings)
    with TestClient(app) as client:
        build(app, args.enterprises)
        measure(client, app, args.as_of)


def build(app: Any, wanted: int) -> None:
    database = app.state.database
    with database.session(write=False) as session:
        existing = session.scalar(select(func.count()).select_from(Enterprise)) or 0
    if existing == 0:
        with database.session(write=True) as session:
            load_demo(session, PASSWORD)
            session.commit()
        existing = 12
    missing = wanted - (existing - 12)
    if missing > 0:
        print(f"generating {missing:,} enterprises …", flush=True)
        generated = generate_district(
            database, app.state.cipher, missing, progress=lambda line: print(line, flush=True)
        )
        print(f"generated in {generated.seconds:.0f} s")
    with database.session(write=False) as session:
        enterprises = session.scalar(select(func.count()).select_from(Enterprise))
        records = session.scalar(select(func.count()).select_from(RecordVersion))
    print(
        f"database: {database.engine.dialect.name}; {enterprises:,} enterprises, "
        f"{records:,} records"
    )


def measure(client: TestClient, app: Any, as_of: str | None) -> None:
    token = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": REGULATOR, "password": PASSWORD},
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    params = {"as_of": as_of} if as_of else {}
    started = time.perf_counter()
    response = client.get("/v1/regions/410108/compliance-overview", params=params, headers=headers)
    overview_seconds = time.perf_counter() - started
    response.raise_for_status()
    report = response.json()
    print(
        f"\noverview of {report['enterprises']:,} enterprises on {report['as_of']}: "
        f"{overview_seconds:.1f} s ({report['enterprises'] / overview_seconds:,.0f} per s)"
    )
    print("  by standing:", report["by_status"])
    worst = max(report["by_rule"], key=lambda r: r["failing"])
    for rule in sorted(report["by_rule"], key=lambda r: -r["failing"])[:5]:
        print(
            f"  {rule['rule_id']:12} failing {rule['failing']:>6,}  unknown {rule['unknown']:>6,}"
        )
    for town in report["by_region"]:
        print(
            f"  {town['region_code']} {town['name']}: {town['enterprises']:,} {town['by_status']}"
        )
    started = time.perf_counter()
    page = client.get(
        "/v1/regions/410108/enterprises",
        params={**params, "failing_rule": worst["rule_id"], "limit": 50},
        headers=headers,
    )
    page.raise_for_status()
    print(
        f"\ndrill-down, first 50 failing {worst['rule_id']}: "
        f"{time.perf_counter() - started:.2f} s, {len(page.json()['data'])} returned"
    )


if __name__ == "__main__":
    main()
