"""Bulk import of 100,000 training attendances from CSV (DESIGN §8 target: ≤ 30 s).

Builds a fresh database (embedded SQLite by default, or PostgreSQL with --database-url),
signs up an enterprise, imports 2,000 people and creates 50 training sessions through the
API, then uploads one CSV of 100,000 attendances and times the import from upload to
`succeeded` (validation of every row + one all-or-nothing write). The app runs in-process
(FastAPI TestClient): no network between client and server.

Run: .venv/bin/python bench/import_attendances.py [--people 2000 --sessions 50]
     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/anxin_bench]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core import keys, migrations
from app.core.config import Settings
from app.core.validators import (
    organization_code_check_character,
    resident_id_check_character,
    uscc_check_character,
)
from app.main import create_app

PASSWORD = "benchmark password"


def id_number(index: int) -> str:
    born = date(1970, 1, 1) + timedelta(days=index)
    body = f"410108{born:%Y%m%d}{index % 1000:03d}"
    return body + resident_id_check_character(body)


def credit_code() -> str:
    body = "70000001"
    first17 = "91410108" + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--database-url", help="a fresh database to use (default: SQLite)")
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
            max_body_bytes=1 << 20,
        )
        app = create_app(settings)
        with TestClient(app) as client:
            run(client, app, args.people, args.sessions)


def run(client: TestClient, app: object, people: int, sessions: int) -> None:
    signup = client.post(
        "/v1/enterprises/signup",
        json={
            "credit_code": credit_code(),
            "name": "基准测试机械有限公司",
            "region_code": "410108001",
            "legal_representative": "张三",
            "industry_code": "C3311",
            "employee_count": people,
            "admin": {"email": "bench@example.com", "display_name": "bench", "password": PASSWORD},
        },
    )
    signup.raise_for_status()
    enterprise = signup.json()["id"]
    token = client.post(
        "/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "bench@example.com",
            "password": PASSWORD,
        },
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    base = f"/v1/enterprises/{enterprise}"

    people_csv = "姓名,身份证号,入职日期\n" + "".join(
        f"员工{i},{id_number(i)},2020-01-01\n" for i in range(people)
    )
    started = time.perf_counter()
    result = upload(client, base, headers, people_csv, "people")
    print(
        f"{people:,} people imported in {time.perf_counter() - started:.2f} s ({result['status']})"
    )

    session_ids = []
    for index in range(sessions):
        day = date(2025, 1, 6) + timedelta(days=7 * index)
        created = client.post(
            f"{base}/training-sessions",
            headers=headers,
            json={
                "kind": "annual",
                "title": f"安全培训第{index + 1}期",
                "started_on": day.isoformat(),
                "ended_on": day.isoformat(),
                "hours": "8",
            },
        )
        created.raise_for_status()
        session_ids.append(created.json()["id"])

    rows = [
        f"{session_id},{id_number(i)},8,是\n" for session_id in session_ids for i in range(people)
    ]
    attendances_csv = "培训编号,身份证号,学时,是否合格\n" + "".join(rows)
    print(f"attendance file: {len(rows):,} rows, {len(attendances_csv.encode()) / 1e6:.1f} MB")
    started = time.perf_counter()
    result = upload(client, base, headers, attendances_csv, "training-attendances")
    elapsed = time.perf_counter() - started
    print(
        f"{result['imported_rows']:,} attendances imported in {elapsed:.2f} s "
        f"({result['status']}, {len(rows) / elapsed:,.0f} rows/s)"
    )


def upload(client: TestClient, base: str, headers: dict[str, str], text: str, kind: str) -> dict:  # type: ignore[type-arg]
    response = client.post(
        f"{base}/imports",
        headers=headers,
        data={"kind": kind},
        files={"file": (f"{kind}.csv", text.encode("utf-8"))},
    )
    response.raise_for_status()
    return client.get(response.headers["location"], headers=headers).json()  # type: ignore[no-any-return]


if __name__ == "__main__":
    main()
