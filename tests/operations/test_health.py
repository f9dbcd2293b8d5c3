"""Liveness and readiness as a load balancer sees them."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.core import migrations
from app.core.config import Settings
from app.main import create_app
from tests.support.databases import scratch_database


def test_healthz_is_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_at_head(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["schema_revision"] == body["expected_revision"] == migrations.head_revision()


def test_readyz_is_503_when_the_schema_is_behind(
    database_url: str, settings: Settings, tmp_path: Path
) -> None:
    with scratch_database(database_url, tmp_path) as url:
        # No lifespan: a server on this database would refuse to start at all.
        app = create_app(settings.model_copy(update={"database_url": url}))
        response = TestClient(app).get("/readyz")
        app.state.database.dispose()
    assert response.status_code == 503
    assert response.json()["database"] == "schema_behind"
    assert response.json()["schema_revision"] is None


def test_readyz_is_503_when_the_database_is_unreachable(settings: Settings) -> None:
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"
    app = create_app(settings.model_copy(update={"database_url": unreachable}))
    response = TestClient(app).get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
