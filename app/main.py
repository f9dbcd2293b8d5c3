"""The application factory: `create_app(settings)` builds the ASGI app with all its parts."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from app.blacklist import fair_use
from app.blacklist.fast_lane import LookupFastLane
from app.blacklist.institution_router import CREDIT_CODE_MAX
from app.blacklist.institution_router import hot_router as blacklist_hot_router
from app.blacklist.institution_router import router as blacklist_institution_router
from app.blacklist.public_router import router as blacklist_public_router
from app.blacklist.router import router as blacklist_entries_router
from app.blacklist.runtime import BlacklistRuntime
from app.compliance.overview_router import router as compliance_overview_router
from app.compliance.portfolio_router import router as portfolio_router
from app.compliance.router import router as compliance_router
from app.compliance.what_if_router import router as what_if_router
from app.contracts.delegation import contracted_enterprises
from app.contracts.router import router as contracts_router
from app.core.allocator import tune_allocator
from app.core.body_limit import BodyLimitMiddleware
from app.core.config import Settings, load_settings
from app.core.crypto import PersonalDataCipher
from app.core.database import Database
from app.core.errors import install_error_handlers
from app.core.etags import document_required_if_match
from app.core.logging import configure_logging
from app.core.metrics import HTTPMetrics
from app.core.openapi_faults import document_database_faults
from app.core.openapi_headers import document_headers_as_text
from app.core.openapi_problems import document_problem_examples
from app.core.operation_ids import operation_id
from app.core.rate_limit import build_limiter
from app.core.request_context import RequestContextMiddleware
from app.core.setting_names import log_unknown_variables
from app.core.signing import VerifiedTokenCache, load_key_sets
from app.core.startup import prepare
from app.core.storable_input import refuse_unstorable_input
from app.enterprises.router import router as enterprises_router
from app.identity import passwords, policy
from app.identity.audit_router import router as audit_router
from app.identity.auth import authenticate_request, principal_key_for_request
from app.identity.auth_router import router as auth_router
from app.identity.auth_router import well_known as well_known_router
from app.identity.organizations_router import router as organizations_router
from app.operations.router import router as operations_router
from app.regions.router import router as regions_router
from app.registry.commitments.public_router import router as commitments_public_router
from app.registry.imports.service import fail_orphaned as fail_orphaned_imports
from app.registry.router import router as registry_router
from app.watchlists.router import router as watchlists_router
from app.webhooks.router import router as webhooks_router
from app.worker.runner import Worker

API_DESCRIPTION = """
Anxin (安信) turns the enterprise duties of Huiji District's work-safety opinions
(惠政文〔2014〕53号) into an API: enterprises keep their safety records and see where they
fall short; regulators maintain the blacklist; banks and insurers query it with signed receipts.

Errors are `application/problem+json` (RFC 9457). Lists are cursor-paginated. POSTs accept an
`Idempotency-Key`; updates need `If-Match`. See docs/api.md.
"""

OPENAPI_TAGS = [
    {"name": "auth", "description": "OAuth 2.0 tokens, revocation, public keys, who am I."},
    {"name": "organizations", "description": "Organizations, members, invitations, clients."},
    {"name": "enterprises", "description": "Enterprise sign-up, profiles and verification."},
    {"name": "regions", "description": "The region tree (GB/T 2260 division codes)."},
    {"name": "people", "description": "Employees, their job changes and hazard exposures."},
    {"name": "compliance", "description": "Rule packs and compliance reports with findings."},
    {
        "name": "contracts",
        "description": "Service firms' contracts with enterprises, delegated access, portfolio.",
    },
    {
        "name": "public",
        "description": "Article 21's public notices, no token: the blacklist, safety commitments.",
    },
    {"name": "audit", "description": "The hash-chained audit trail."},
    {"name": "watchlists", "description": "Institutions' portfolios of credit codes to watch."},
    {"name": "webhooks", "description": "Webhook endpoints, signing secrets, delivery logs."},
    {"name": "operations", "description": "Liveness, readiness and metrics for operators."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    log_unknown_variables()
    database = Database.from_settings(settings)
    passwords.configure(
        time_cost=settings.password_hash_time_cost,
        memory_kib=settings.password_hash_memory_kib,
        concurrency=settings.password_hash_concurrency,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # First, before the request threads exist: a cap on arenas binds only later threads.
        allocator = tune_allocator(settings.malloc_arena_max, settings.malloc_trim_seconds)
        await run_in_threadpool(prepare, settings)
        # Keys exist only after `prepare` (the embedded mode generates them on first start).
        install_key_sets(app, settings)
        await run_in_threadpool(fail_orphaned_imports, database)
        blacklist = BlacklistRuntime.start(app, settings, database.engine)
        app.state.rate_limit_policies = fair_use.policies(settings)
        app.state.rate_limiter = build_limiter(
            settings.redis_url,
            timeout=settings.redis_timeout_seconds,
            registry=app.state.metrics.registry,
        )
        worker = _start_worker_in_process(app, settings)
        # Everything built so far lives as long as the process: move it out of the cyclic
        # collector's sight, so a full collection during a request does not walk the whole
        # framework (measured: a fifth of a large compliance report's time).
        gc.freeze()
        yield
        if worker is not None:
            await run_in_threadpool(worker.stop)
        await app.state.rate_limiter.aclose()
        await run_in_threadpool(blacklist.stop)
        database.dispose()
        allocator.stop()

    app = AnxinAPI(
        title="Anxin API",
        version="0.1.0",
        description=API_DESCRIPTION,
        openapi_tags=OPENAPI_TAGS,
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        # Before every other dependency of every route: text no database can store is a 422
        # naming its field, whatever the route (docs/decisions.md, 52).
        dependencies=[Depends(refuse_unstorable_input)],
    )
    app.state.settings = settings
    app.state.database = database
    app.state.metrics = HTTPMetrics()
    install_error_handlers(app)
    app.state.principal_key_resolver = principal_key_for_request
    # A service firm reaches its clients through its contracts in force: said here, where
    # the app is assembled, not as a side effect of importing a router.
    policy.set_delegation_sources(contracted_enterprises)
    app.state.authenticate = authenticate_request
    # Routes are matched in order, one by one: the institutions' hot routes come first, so
    # a lookup is not compared with the hundred registry routes before it is found.
    for router in (
        blacklist_hot_router,
        operations_router,
        well_known_router,
        auth_router,
        organizations_router,
        regions_router,
        enterprises_router,
        registry_router,
        compliance_router,
        what_if_router,
        compliance_overview_router,
        contracts_router,
        portfolio_router,
        blacklist_entries_router,
        blacklist_institution_router,
        blacklist_public_router,
        commitments_public_router,
        watchlists_router,
        audit_router,
        webhooks_router,
    ):
        app.include_router(router)
    app.add_middleware(BodyLimitMiddleware, default_limit=settings.max_body_bytes)
    app.edge = RequestContextMiddleware(
        LookupFastLane(
            app.framework,
            route=_route(blacklist_hot_router, "/v1/blacklist/lookup/{credit_code}"),
            max_code_length=CREDIT_CODE_MAX,
        ),
        metrics=app.state.metrics,
    )
    return app


class AnxinAPI(FastAPI):
    """FastAPI whose requests pass an edge of plain ASGI middleware first: the request
    context (request id, metrics, access log), then the lookup's fast lane, then FastAPI's
    own stack (error middleware, telemetry hooks, body limits, routing). A lookup the lane
    answers costs none of that stack (~15 µs of a lookup); everything else passes on to
    it unchanged. The context wraps the whole stack, so even an unhandled error's 500 has
    its request id, metric and log line."""

    edge: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self  # what Starlette would set, for the lane to find the state
        await (self.edge or self.framework)(scope, receive, send)

    async def framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            document = document_problem_examples(document_database_faults(super().openapi()))
            self.openapi_schema = document_headers_as_text(document_required_if_match(document))
        return self.openapi_schema


def _route(router: APIRouter, path: str) -> APIRoute:
    return next(r for r in router.routes if isinstance(r, APIRoute) and r.path == path)


def _start_worker_in_process(app: FastAPI, settings: Settings) -> Worker | None:
    """The embedded default delivers webhooks from the API process itself; elsewhere the
    `anxin worker` processes do, unless configured otherwise."""
    in_process = settings.outbox_worker_in_process
    if not (settings.embedded if in_process is None else in_process):
        return None
    worker = Worker(app.state.database.engine, settings, app.state.cipher)
    worker.start()
    return worker


def install_key_sets(app: FastAPI, settings: Settings) -> None:
    key_sets = load_key_sets(settings.effective_keys_dir)
    app.state.token_keys = key_sets["token-signing"]
    app.state.receipt_keys = key_sets["receipt-signing"]
    app.state.cipher = PersonalDataCipher.load(settings.effective_keys_dir)
    app.state.token_cache = VerifiedTokenCache(
        app.state.token_keys, audience=settings.token_audience, issuer=settings.token_issuer
    )
