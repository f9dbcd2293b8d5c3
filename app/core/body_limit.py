"""Request body size limit, answered as a 413 problem before the body is read in full.

The limit is checked when the application first reads the body, by then routing is done,
so a route may carry a larger `max_body_bytes` of its own (bulk imports) than the default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

F = TypeVar("F", bound=Callable[..., Any])


def max_body_bytes(limit: int) -> Callable[[F], F]:
    """Give one endpoint a larger body limit than the default (bulk uploads)."""

    def mark(endpoint: F) -> F:
        endpoint.max_body_bytes = limit  # type: ignore[attr-defined]
        return endpoint

    return mark


class BodyTooLarge(HTTPException):
    # An HTTPException, because FastAPI re-raises only those from inside body parsing
    # (anything else becomes a generic 400); the error handlers make it a 413 problem.
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body exceeds {limit} bytes.")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, default_limit: int) -> None:
        self.app = app
        self.default_limit = default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            limit = getattr(scope.get("route"), "max_body_bytes", None) or self.default_limit
            if received == 0 and (_declared_length(scope) or 0) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)
