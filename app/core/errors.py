"""RFC 9457 problem details: the one shape of every error the API returns.

Domain code raises `Problem` (or a subclass); the handlers here turn it, request validation
errors, routing errors and anything unexpected into `application/problem+json`. An unexpected
error is logged with its traceback and answered with a bare 500 that reveals nothing.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.allowed_methods import allowed_methods

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_SCHEMA_REF = "#/components/schemas/ProblemDetail"
PROBLEM_TYPE_BASE = "https://anxin.dev/problems/"

logger = logging.getLogger("anxin.errors")


class FieldError(BaseModel):
    field: str = Field(description="Where the bad value is, e.g. `body.credit_code`.")
    message: str
    code: str = Field(description="Stable machine code of the error.")


class ProblemDetail(BaseModel):
    """RFC 9457 problem details, with Anxin's `code`, `request_id` and field `errors`."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    request_id: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    """An error meant for the client. `code` is stable; `detail` is for people."""

    status: int = 400
    code: str = "bad_request"
    title: str | None = None

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        code: str | None = None,
        title: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        if title is not None:
            self.title = title
        self.errors = errors
        self.headers = headers or {}


class Unauthorized(Problem):
    status, code = 401, "unauthorized"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        # RFC 6750: a 401 names the scheme and, for a bad token, why.
        error = "invalid_token" if code == "invalid_token" else None
        challenge = 'Bearer realm="anxin"' + (f', error="{error}"' if error else "")
        super().__init__(detail, code=code, headers={"WWW-Authenticate": challenge})


class Forbidden(Problem):
    status, code = 403, "forbidden"


class TooManyRequests(Problem):
    status, code = 429, "too_many_requests"

    def __init__(self, detail: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(detail, code=code, headers={"Retry-After": str(max(1, retry_after))})


class NotFound(Problem):
    status, code = 404, "not_found"


class Conflict(Problem):
    status, code = 409, "conflict"


class PreconditionFailed(Problem):
    status, code = 412, "precondition_failed"


class PreconditionRequired(Problem):
    status, code = 428, "precondition_required"


class Unprocessable(Problem):
    status, code = 422, "unprocessable"


class ServiceUnavailable(Problem):
    status, code = 503, "service_unavailable"

    def __init__(self, detail: str, *, code: str, title: str, retry_after: int) -> None:
        super().__init__(detail, code=code, title=title, headers={"Retry-After": str(retry_after)})


class InsufficientStorage(ServiceUnavailable):
    status = 507


def is_foreign_key_violation(exc: Exception) -> bool:
    """Whether a database integrity error is a foreign-key one (SQLSTATE 23503 on
    PostgreSQL; SQLite only says so in its message)."""
    original = getattr(exc, "orig", None)
    if getattr(original, "sqlstate", None) == "23503":
        return True
    return "FOREIGN KEY constraint failed" in str(original)


def problem_for_database_error(exc: Exception) -> Problem | None:
    """The client-facing meaning of a database error, where it has one."""
    if isinstance(exc, StaleDataError):
        return PreconditionFailed(
            "The resource changed while you were updating it; read it again and retry.",
            code="etag_mismatch",
        )
    fault = database_fault(exc)
    if fault is not None:
        log_database_fault(exc)
    return fault


# SQLite primary result codes (the low byte of an extended code, https://sqlite.org/rescode.html).
SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 5, 8, 10, 13, 14
# PostgreSQL SQLSTATEs: disk full; connection exceptions (08…) and a server shutting down,
# crashed or still starting (57P01–57P03).
PG_DISK_FULL = "53100"
PG_UNAVAILABLE_PREFIXES = ("08", "57P0")
DATABASE_RETRY_AFTER_S = 5


def database_fault(exc: BaseException) -> ServiceUnavailable | None:
    """A problem for a database that cannot serve right now (unreachable, full, read-only),
    looked for along the exception's causes; None for every other error.

    These are the operator's faults, not the client's or the code's: the client gets a clear
    503 (507 for a full disk) with Retry-After instead of a 500, and may retry unchanged —
    the transaction was rolled back whole.
    """
    for error in _causes(exc):
        if isinstance(error, PoolTimeoutError):
            return _unavailable("All database connections are busy; retry shortly.")
        if not isinstance(error, DBAPIError):
            continue
        sqlite_code = getattr(error.orig, "sqlite_errorcode", None)
        if sqlite_code is not None:
            fault = _sqlite_fault(sqlite_code & 0xFF)
            if fault is not None:
                return fault
            continue
        sqlstate = getattr(error.orig, "sqlstate", None)
        if sqlstate == PG_DISK_FULL:
            return _storage_full()
        # No SQLSTATE on an OperationalError means the client library itself failed to
        # reach the server (refused, reset, timed out).
        lost = sqlstate is None or sqlstate.startswith(PG_UNAVAILABLE_PREFIXES)
        if error.connection_invalidated or (isinstance(error, OperationalError) and lost):
            return _unavailable("The database cannot be reached right now; retry shortly.")
    return None


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what led to it: a failed rollback hides the real fault in its
    context (SQLite rolls back by itself on a full disk, so the explicit rollback fails)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _sqlite_fault(primary_code: int) -> ServiceUnavailable | None:
    if primary_code == SQLITE_BUSY:
        # Another writer held the embedded database past the busy timeout: a burst of
        # writes (seen: 72 clients signing in at once) queues on SQLite's single write lock.
        return ServiceUnavailable(
            "The database is busy with other changes; nothing was saved. Retry shortly.",
            code="database_busy",
            title="Database busy",
            retry_after=1,
        )
    if primary_code == SQLITE_FULL:
        return _storage_full()
    if primary_code == SQLITE_READONLY:
        return ServiceUnavailable(
            "The database accepts no changes right now: its file is read-only. Nothing was "
            "saved; reads still work. Retry once an operator has restored write access.",
            code="database_read_only",
            title="Database is read-only",
            retry_after=DATABASE_RETRY_AFTER_S,
        )
    if primary_code in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return _unavailable("The database file could not be read or written; retry shortly.")
    return None


def _storage_full() -> InsufficientStorage:
    return InsufficientStorage(
        "The database has no space left for this change. Nothing was saved; retry once an "
        "operator has freed space.",
        code="storage_full",
        title="Database storage is full",
        retry_after=DATABASE_RETRY_AFTER_S,
    )


def _unavailable(detail: str) -> ServiceUnavailable:
    return ServiceUnavailable(
        detail,
        code="database_unavailable",
        title="Database unavailable",
        retry_after=DATABASE_RETRY_AFTER_S,
    )


# Codes for statuses raised by the framework itself (routing, body limit, methods).
_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
    507: "insufficient_storage",
}


def problem_response(
    request: Request,
    *,
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ProblemDetail(
        type=PROBLEM_TYPE_BASE + code,
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        code=code,
        request_id=getattr(request.state, "request_id", None),
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


async def _handle_problem(request: Request, exc: Exception) -> JSONResponse:
    exc = cast(Problem, exc)
    return problem_response(
        request,
        status=exc.status,
        code=exc.code,
        detail=exc.detail,
        title=exc.title,
        errors=exc.errors,
        headers=exc.headers,
    )


def _field_name(location: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in location)


async def _handle_validation(request: Request, exc: Exception) -> JSONResponse:
    exc = cast(RequestValidationError, exc)
    errors = [
        FieldError(field=_field_name(err["loc"]), message=err["msg"], code=err["type"])
        for err in exc.errors()
    ]
    return problem_response(
        request,
        status=422,
        code="validation_failed",
        title="Invalid request",
        detail=f"{len(errors)} field(s) failed validation.",
        errors=errors,
    )


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    exc = cast(StarletteHTTPException, exc)
    status = exc.status_code
    if status == 400:
        return _unparsable_body(request, exc)
    code = _STATUS_CODES.get(status, f"http_{status}")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).description
    if status == 404 and detail == "Not Found":
        detail = "No resource at this address."
    headers = dict(exc.headers or {})
    if status == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return problem_response(request, status=status, code=code, detail=detail, headers=headers)


def _unparsable_body(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """The framework's only 400: a body it could not parse (FastAPI: a JSON body that is not
    UTF-8; Starlette: a broken multipart form). That is invalid input, answered like a JSON
    syntax error (422 on `body`), which every route with a body documents. Our own 400s
    (OAuth errors, Problems) never come through here."""
    message = exc.detail if isinstance(exc.detail, str) else "The body cannot be parsed."
    return problem_response(
        request,
        status=422,
        code="validation_failed",
        title="Invalid request",
        detail="1 field(s) failed validation.",
        errors=[FieldError(field="body", message=message, code="body_unparsable")],
    )


async def _handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Database faults can surface outside a route's transaction too (middleware, a failed
    # rollback): they are still the database's state, not a bug.
    fault = database_fault(exc)
    if fault is not None:
        log_database_fault(exc)
        return await _handle_problem(request, fault)
    return internal_error_response(request, exc)


def log_database_fault(exc: BaseException) -> None:
    """One line, no traceback: the cause is outside the code, and it repeats per request."""
    text = str(exc).strip()
    logger.warning("database fault: %s", text.splitlines()[0] if text else type(exc).__name__)


def internal_error_response(request: Request, exc: BaseException) -> JSONResponse:
    """Log the error with its traceback; answer a 500 that reveals nothing but the request id."""
    logger.error(
        "unhandled error",
        exc_info=exc,
        extra={"request_id": getattr(request.state, "request_id", None)},
    )
    return problem_response(
        request,
        status=500,
        code="internal_error",
        detail="The server failed to complete the request. Quote the request id to support.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _handle_problem)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    app.add_exception_handler(Exception, _handle_unexpected)


# Shared OpenAPI description of error responses, for routes to reference.
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {
            "model": ProblemDetail,
            # `model` documents the schema under application/json only; problems are sent
            # as problem+json, so the schema is named there too (clients validate by it).
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": PROBLEM_SCHEMA_REF}}},
            "description": HTTPStatus(status).phrase,
        }
        for status in statuses
    }
