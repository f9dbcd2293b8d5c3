"""Per-request context at the edge: the request id, the access log line and the metrics.

A pure ASGI middleware (no BaseHTTPMiddleware) so it adds no task hop and sees the real
status of every response, including errors answered by the exception handlers.

It runs on every request, so it keeps its own cost small (it was a tenth of a blacklist
lookup): request ids come from a generator seeded from the OS rather than a `uuid4` (an OS
call and an object each), the metric series of a route are looked up once, and the access
log line is built only when the access log is on.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from typing import Any

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.metrics import HTTPMetrics

REQUEST_ID_HEADER = "X-Request-ID"
_ID_HEADER = REQUEST_ID_HEADER.lower().encode("latin-1")
_TIMING_HEADER = b"server-timing"
# Every answer is what its Content-Type says: no browser may sniff a JSON body (which can
# carry user text) into HTML or script.
_NOSNIFF = (b"x-content-type-options", b"nosniff")
# A client's id is echoed only if it is short and plain, so it cannot inject into logs.
_ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
UNMATCHED_ROUTE = "<unmatched>"

access_logger = logging.getLogger("anxin.access")

# Request ids need to be unique, not secret: 128 bits of a generator seeded from the OS, and
# seeded again in a forked child so that worker processes do not repeat each other's ids.
_ids = random.Random(os.urandom(32))  # noqa: S311 - uniqueness is all an id needs
os.register_at_fork(after_in_child=lambda: _ids.seed(os.urandom(32)))
# Series children by (method, route, status) and (method, route); bounded, since a client
# chooses the method (prometheus itself would keep every series anyway).
_MAX_SERIES = 4096


def new_request_id() -> str:
    """32 hex characters, like a uuid4's hex."""
    return f"{_ids.getrandbits(128):032x}"


def request_id_of(request: HTTPConnection) -> str | None:
    """The id this middleware gave the request (None outside a request, e.g. in a test that
    builds a bare one): the one way handlers and services read it."""
    return getattr(request.state, "request_id", None)


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            return candidate if _ACCEPTABLE_REQUEST_ID.match(candidate) else None
    return None


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: HTTPMetrics) -> None:
        self.app = app
        self.metrics = metrics
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or new_request_id()
        id_bytes = request_id.encode("latin-1")
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                # A new list (the response may hold on to its own), with the id, the
                # server's time so far and nosniff appended (no response of ours sets
                # them). The time is taken as the answer starts: what follows is the
                # transport's work. Server-Timing lets a client tell its network's time
                # from ours.
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
                message["headers"] = [
                    *message.get("headers", ()),
                    (_ID_HEADER, id_bytes),
                    (_TIMING_HEADER, took.encode("latin-1")),
                    _NOSNIFF,
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", None) or UNMATCHED_ROUTE
            self._observe(scope["method"], template, status, elapsed)
            if access_logger.isEnabledFor(logging.INFO):
                access_logger.info(
                    "request",
                    extra={
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "route": template,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )

    def _observe(self, method: str, template: str, status: int, elapsed: float) -> None:
        key = (method, template, status)
        series = self._series.get(key)
        if series is None:
            metrics = self.metrics
            series = (
                metrics.requests.labels(method, template, str(status)),
                metrics.latency.labels(method, template),
            )
            if len(self._series) < _MAX_SERIES:
                self._series[key] = series
        requests, latency = series
        requests.inc()
        latency.observe(elapsed)
