"""The application factory: `create_app(settings)` builds the ASGI app with all its parts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from app.core.body_limit import BodyLimitMiddleware
from app.core.config import Settings, load_settings
from app.core.database import Database
from app.core.errors import install_error_handlers
from app.core.logging import configure_logging
from app.core.metrics import HTTPMetrics
from app.core.request_context import RequestContextMiddleware
from app.core.startup import prepare
from app.operations.router import router as operations_router

API_DESCRIPTION = """
Anxin (安信) turns the enterprise duties of Huiji District's work-safety opinions
(惠政文〔2014〕53号) into an API: enterprises keep their safety records and see where they
fall short; regulators maintain the blacklist; banks and insurers query it with signed receipts.

Errors are `application/problem+json` (RFC 9457). Lists are cursor-paginated. POSTs accept an
`Idempotency-Key`; updates need `If-Match`. See docs/api.md.
"""

OPENAPI_TAGS = [
    {"name": "operations", "description": "Liveness, readiness and metrics for operators."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    database = Database.from_settings(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(prepare, settings)
        yield
        database.dispose()

    app = FastAPI(
        title="Anxin API",
        version="0.1.0",
        description=API_DESCRIPTION,
        openapi_tags=OPENAPI_TAGS,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.metrics = HTTPMetrics()
    # Added innermost first: the request context wraps everything, the body limit sits inside.
    app.add_middleware(BodyLimitMiddleware, default_limit=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    install_error_handlers(app)
    app.include_router(operations_router)
    return app
