"""What the fault tests check after every fault: answers are problems (never a bare 500),
the audit chains verify, and SQLite files pass their integrity check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine

from app.core.database import session_factory
from app.identity.bootstrap import bootstrap_platform
from tests.support.processes import run_anxin
from tests.support.world import PASSWORD

ADMIN_EMAIL = "root@example.com"


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text
    body: dict[str, Any] = response.json()
    assert (body["status"], body["code"]) == (status, code), body
    return body


def assert_audit_intact(environment: dict[str, str], cwd: Path) -> None:
    """`anxin audit verify`, as an operator would run it after an incident."""
    verified = run_anxin("audit", "verify", environment=environment, cwd=cwd)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.strip() == "audit chains intact"


def assert_sqlite_intact(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def bootstrap_admin(database_url: str) -> None:
    """The platform admin, made in-process through the service `anxin bootstrap` uses (a
    process of its own would cost seconds of imports on every test)."""
    engine = create_engine(database_url)
    try:
        with session_factory(engine, write=True)() as session:
            bootstrap_platform(session, ADMIN_EMAIL, PASSWORD, "Platform admin")
            session.commit()
    finally:
        engine.dispose()


def admin_headers(client: httpx.Client) -> dict[str, str]:
    response = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def create_organization(client: httpx.Client, headers: dict[str, str], name: str) -> httpx.Response:
    """A small audited write: an institution, made by the platform admin."""
    return client.post(
        "/v1/organizations", json={"kind": "institution", "name": name}, headers=headers
    )
