"""Credentials before validation: an unauthenticated caller learns nothing about the input.

FastAPI reads and parses a request's body before it resolves any dependency, and collects
parameter errors while it does, so a request without a valid access token could be told
what its body or parameters lack (422) before being told it may not ask at all (401). For a
route whose dependencies include a bearer security scheme, a validation failure is turned
into the authentication's own 401 when the credentials are missing or invalid; with valid
credentials the 422 stands.

How a request is authenticated is the application's to say (core knows no identities): it
sets `app.state.authenticate`, a function of the request that raises the 401.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.security.base import SecurityBase

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def needs_credentials(dependant: Dependant) -> bool:
    """Whether any dependency, however deep, is a security scheme (HTTPBearer, …)."""
    return any(
        isinstance(dependency.call, SecurityBase) or needs_credentials(dependency)
        for dependency in dependant.dependencies
    )


def authenticating_first(handler: Handler) -> Handler:
    async def handle(request: Request) -> Response:
        try:
            return await handler(request)
        except RequestValidationError:
            authenticate: Callable[[Request], object] = request.app.state.authenticate
            authenticate(request)  # raises 401 for missing or invalid credentials
            raise

    return handle
