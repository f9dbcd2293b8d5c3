"""`/healthz`, `/readyz` and `/metrics`, outside the versioned API and without transactions."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core import migrations
from app.core.database import Database

router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "unavailable"]
    database: Literal["ok", "unreachable", "schema_behind"]
    schema_revision: str | None
    expected_revision: str


@router.get(
    "/healthz",
    summary="Liveness",
    description="Answers as long as the process serves requests; touches nothing else.",
)
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Readiness",
    description="200 when the database answers and its schema is at the code's migration "
    "head; 503 otherwise, so a load balancer stops sending traffic.",
    responses={503: {"model": Readiness, "description": "Not ready"}},
)
def readyz(request: Request) -> JSONResponse:
    database: Database = request.app.state.database
    expected = migrations.head_revision()
    revision: str | None = None
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        revision = migrations.current_revision(database.engine)
        state: Literal["ok", "unreachable", "schema_behind"] = (
            "ok" if revision == expected else "schema_behind"
        )
    except SQLAlchemyError:
        state = "unreachable"
    ready = state == "ok"
    body = Readiness(
        status="ready" if ready else "unavailable",
        database=state,
        schema_revision=revision,
        expected_revision=expected,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    description="Request counts and latency histograms by route template, in the Prometheus "
    "text format. Per process: scrape each worker, or run one worker per container.",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Metrics"}},
)
def metrics(request: Request) -> Response:
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
