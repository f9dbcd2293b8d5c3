"""One request, one transaction: the route class that owns each request's session.

Every route of the API uses `UnitOfWorkRoute`. It opens a session before the handler runs,
commits it after the handler has produced its response but before a byte is sent, and rolls
back on any error or any 4xx/5xx response — unless the handler marked the request with
`request.state.commit_despite_error` because the failure itself must be recorded (a failed
sign-in counts towards the lockout and is audited). A failed commit therefore reaches the
client as a problem, never as a 200 (the trap of committing after `yield` in a dependency).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import anyio.to_thread
from anyio import CapacityLimiter
from anyio.lowlevel import RunVar
from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from app.core.credentials_first import authenticating_first, needs_credentials
from app.core.database import Database
from app.core.errors import Problem, internal_error_response, problem_for_database_error
from app.core.idempotency import IdempotentReplay, idempotency_guard, record_response

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Ending a transaction (commit, rollback, close) has threads of its own. Queued behind new
# requests for the request thread pool, it would keep SQLite's write lock while those
# requests take every thread waiting for that lock, until busy timeouts failed them all (a
# burst of sign-ins did: docs/performance.md). One limiter per event loop, as anyio's own.
_ENDING_THREADS = 40
_ending_limiter: RunVar[CapacityLimiter] = RunVar("anxin_transaction_ending_limiter")
# Errors that have handlers of their own: roll back, then let them through.
_CLIENT_ERRORS = (Problem, RequestValidationError, HTTPException)


class UnitOfWorkRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = set(kwargs.get("methods") or ())
        if "POST" in methods:
            # Every POST honours Idempotency-Key; the guard runs before the endpoint's own
            # dependencies, inside the same transaction as the work it protects.
            kwargs["dependencies"] = [
                Depends(idempotency_guard),
                *(kwargs.get("dependencies") or []),
            ]
        # Set before the parent's __init__, which builds the handler.
        self._writes = not methods <= READ_METHODS
        # Read by BodyLimitMiddleware once routing has picked this route.
        self.max_body_bytes: int | None = getattr(endpoint, "max_body_bytes", None)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if needs_credentials(self.dependant):
            handler = authenticating_first(handler)
        writes = self._writes

        async def handle_in_transaction(request: Request) -> Response:
            database: Database = request.app.state.database
            session = database.session(write=writes)
            request.state.session = session
            try:
                try:
                    response = await handler(request)
                except IdempotentReplay as replay:
                    await _end(session.rollback)
                    return replay.response()
                if response.status_code >= 400 and not getattr(
                    request.state, "commit_despite_error", False
                ):
                    await _end(session.rollback)
                    return response
                await _end(_finish, request, session, response)
                return response
            except _CLIENT_ERRORS:
                await _end(session.rollback)
                raise
            except Exception as exc:
                await _end(session.rollback)
                problem = problem_for_database_error(exc)
                if problem is not None:
                    raise problem from exc
                return internal_error_response(request, exc)
            finally:
                await _end(session.close)

        return handle_in_transaction


async def _end(step: Callable[..., None], *args: Any) -> None:
    try:
        limiter = _ending_limiter.get()
    except LookupError:
        limiter = CapacityLimiter(_ENDING_THREADS)
        _ending_limiter.set(limiter)
    await anyio.to_thread.run_sync(step, *args, limiter=limiter)


def _finish(request: Request, session: Session, response: Response) -> None:
    record_response(request, session, response)
    session.commit()


def get_session(request: Request) -> Session:
    """The request's session. Services flush; only the route boundary commits."""
    session: Session = request.state.session
    return session


DbSession = Annotated[Session, Depends(get_session)]
