"""RFC 9457 problem details: the one shape of every error the API returns.

Domain code raises a declared error (`NOT_FOUND.problem("No enterprise …")`: the generic
ones are declared here, a domain's own in its `errors.py`, app/core/error_catalog.py); the
handlers here turn it, request validation errors, routing errors and anything unexpected
into `application/problem+json`. An unexpected error is logged with its traceback and
answered with a bare 500 that reveals nothing.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core import openapi_problems
from app.core.allowed_methods import allowed_methods
from app.core.error_catalog import ErrorDomain, ErrorType
from app.core.problem import (
    PROBLEM_MEDIA_TYPE,
    PROBLEM_SCHEMA_REF,
    PROBLEM_TYPE_BASE,
    Conflict,
    FieldError,
    Forbidden,
    InsufficientStorage,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Problem,
    ProblemDetail,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
)
from app.core.request_context import request_id_of

__all__ = [  # the problem's shape and classes, where domain code has always imported them
    "PROBLEM_MEDIA_TYPE",
    "PROBLEM_SCHEMA_REF",
    "PROBLEM_TYPE_BASE",
    "Conflict",
    "ErrorType",
    "FieldError",
    "Forbidden",
    "InsufficientStorage",
    "NotFound",
    "PreconditionFailed",
    "PreconditionRequired",
    "Problem",
    "ProblemDetail",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "Unprocessable",
]

logger = logging.getLogger("anxin.errors")

# The errors every domain may answer; a domain's own live in its `errors.py` (decision 86).
CORE = ErrorDomain("core")
MALFORMED_REQUEST = CORE.error(
    400,
    "malformed_request",
    "Malformed request",
    "Not HTTP/1.1 at all, e.g. a raw non-ASCII URL; `instance` is empty.",
)
UNAUTHORIZED = CORE.error(
    401, "unauthorized", "Unauthorized", "The operation needs an access token and none was sent."
)
INVALID_TOKEN = CORE.error(
    401, "invalid_token", "Unauthorized", "The access token is malformed, revoked or expired."
)
NOT_FOUND = CORE.error(
    404, "not_found", "Not Found", "No resource at this address, or not one visible to you."
)
METHOD_NOT_ALLOWED = CORE.error(
    405,
    "method_not_allowed",
    "Method Not Allowed",
    "The path does not take this method; `Allow` lists those it does (OPTIONS is not served).",
)
IDEMPOTENCY_KEY_IN_USE = CORE.error(
    409,
    "idempotency_key_in_use",
    "Conflict",
    "A request with the same `Idempotency-Key` is still running; retry later.",
)
INVALID_TRANSITION = CORE.error(
    409,
    "invalid_transition",
    "Step not possible",
    "The resource's state does not allow this step; the detail names the state and the steps "
    "it allows.",
)
ETAG_MISMATCH = CORE.error(
    412,
    "etag_mismatch",
    "Precondition Failed",
    "`If-Match` names an older version of the resource: read it again and retry.",
)
PAYLOAD_TOO_LARGE = CORE.error(
    413,
    "payload_too_large",
    "Request Entity Too Large",
    "The body is larger than the operation accepts (1 MiB unless the operation says more).",
)
VALIDATION_FAILED = CORE.error(
    422,
    "validation_failed",
    "Invalid request",
    "A parameter or the body is invalid; `errors` names each field, with its own code.",
)
INVALID_CREDIT_CODE = CORE.error(
    422,
    "invalid_credit_code",
    "Invalid credit code",
    "A unified social credit code (统一社会信用代码) fails its format or check characters.",
)
INVALID_CURSOR = CORE.error(
    422, "invalid_cursor", "Unprocessable Entity", "The `cursor` is not one this list gave out."
)
IDEMPOTENCY_KEY_REUSED = CORE.error(
    422,
    "idempotency_key_reused",
    "Unprocessable Entity",
    "The `Idempotency-Key` was already used with a different request body.",
)
IF_MATCH_REQUIRED = CORE.error(
    428,
    "if_match_required",
    "Precondition Required",
    "An update of a resource that needs `If-Match` came without it.",
)
RATE_LIMITED = CORE.retryable(
    429,
    "rate_limited",
    "Too Many Requests",
    "A fair-use limit is spent: wait `Retry-After` seconds (`RateLimit` headers tell the rest).",
)
INTERNAL_ERROR = CORE.error(
    500,
    "internal_error",
    "Internal Server Error",
    "Our fault; nothing was written. Quote the request id to support.",
)
DATABASE_UNAVAILABLE = CORE.retryable(
    503,
    "database_unavailable",
    "Database unavailable",
    "The database cannot be reached (or read) right now; nothing was saved. Retry unchanged.",
)
DATABASE_BUSY = CORE.retryable(
    503,
    "database_busy",
    "Database busy",
    "Other changes held the database past its timeout; nothing was saved. Retry unchanged.",
)
DATABASE_READ_ONLY = CORE.retryable(
    503,
    "database_read_only",
    "Database is read-only",
    "The database takes no changes right now (reads work); nothing was saved.",
)
STORAGE_FULL = CORE.retryable(
    507,
    "storage_full",
    "Database storage is full",
    "The database's disk is full; nothing was saved. Retry once space is freed.",
)
# An uploaded file read up to a bound of app/core/upload_limits.py (registry imports report
# the same codes in their import report instead).
UNSUPPORTED_FILE = CORE.error(
    422, "unsupported_file", "Unsupported file", "The file is not of a kind the upload takes."
)
UNSUPPORTED_ENCODING = CORE.error(
    422, "unsupported_encoding", "Unreadable file", "The file is neither UTF-8 nor GB18030 text."
)
MALFORMED_CSV = CORE.error(422, "malformed_csv", "Unreadable file", "The CSV file cannot be read.")
UNREADABLE_FILE = CORE.error(
    422, "unreadable_file", "Unreadable file", "The XLSX file cannot be opened or is malformed."
)
LINE_TOO_LONG = CORE.error(
    422, "line_too_long", "File beyond a limit", "A line of the CSV file is longer than allowed."
)
CELL_TOO_LONG = CORE.error(
    422, "cell_too_long", "File beyond a limit", "A cell is longer than 32,767 characters."
)
TOO_MANY_ROWS = CORE.error(
    422, "too_many_rows", "File beyond a limit", "The file has more rows than the upload takes."
)
TOO_MANY_COLUMNS = CORE.error(
    422, "too_many_columns", "File beyond a limit", "A row has more columns than allowed."
)
TOO_MANY_PARTS = CORE.error(
    422, "too_many_parts", "File beyond a limit", "The XLSX archive has too many parts."
)
UNPACKED_TOO_LARGE = CORE.error(
    422, "unpacked_too_large", "File beyond a limit", "The XLSX file unpacks to more than allowed."
)
XML_TOO_COMPLEX = CORE.error(
    422,
    "xml_too_complex",
    "File beyond a limit",
    "An XLSX part declares a document type or holds too many or too large XML elements.",
)


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
        return ETAG_MISMATCH.problem(
            "The resource changed while you were updating it; read it again and retry."
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


def database_fault(exc: BaseException) -> Problem | None:
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


def _sqlite_fault(primary_code: int) -> Problem | None:
    if primary_code == SQLITE_BUSY:
        # Another writer held the embedded database past the busy timeout: a burst of
        # writes (seen: 72 clients signing in at once) queues on SQLite's single write lock.
        return DATABASE_BUSY.problem(
            "The database is busy with other changes; nothing was saved. Retry shortly.",
            retry_after=1,
        )
    if primary_code == SQLITE_FULL:
        return _storage_full()
    if primary_code == SQLITE_READONLY:
        return DATABASE_READ_ONLY.problem(
            "The database accepts no changes right now: its file is read-only. Nothing was "
            "saved; reads still work. Retry once an operator has restored write access.",
            retry_after=DATABASE_RETRY_AFTER_S,
        )
    if primary_code in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return _unavailable("The database file could not be read or written; retry shortly.")
    return None


def _storage_full() -> Problem:
    return STORAGE_FULL.problem(
        "The database has no space left for this change. Nothing was saved; retry once an "
        "operator has freed space.",
        retry_after=DATABASE_RETRY_AFTER_S,
    )


def _unavailable(detail: str) -> Problem:
    return DATABASE_UNAVAILABLE.problem(detail, retry_after=DATABASE_RETRY_AFTER_S)


# What the framework's own refusals mean (routing, the body limit); the framework raises no
# other status (its 400 is `_unparsable_body`; HTTPBearer is built not to raise).
_FRAMEWORK_ERRORS = {e.status: e for e in (NOT_FOUND, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE)}


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
        request_id=request_id_of(request),
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def declared_response(
    request: Request,
    error: ErrorType,
    *,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The answer for a declared error the handlers meet outside any raise."""
    return problem_response(
        request,
        status=error.status,
        code=error.code,
        detail=detail,
        title=error.title,
        errors=errors,
        headers=headers,
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
    return declared_response(
        request,
        VALIDATION_FAILED,
        detail=f"{len(errors)} field(s) failed validation.",
        errors=errors,
    )


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    exc = cast(StarletteHTTPException, exc)
    status = exc.status_code
    if status == 400:
        return _unparsable_body(request, exc)
    declared = _FRAMEWORK_ERRORS.get(status)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).description
    if status == 404 and detail == "Not Found":
        detail = "No resource at this address."
    headers = dict(exc.headers or {})
    if status == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    if declared is None:  # a status the framework is not known to raise: still a problem
        return problem_response(
            request, status=status, code=f"http_{status}", detail=detail, headers=headers
        )
    return declared_response(request, declared, detail=detail, headers=headers)


def _unparsable_body(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """The framework's only 400: a body it could not parse (FastAPI: a JSON body that is not
    UTF-8; Starlette: a broken multipart form). That is invalid input, answered like a JSON
    syntax error (422 on `body`), which every route with a body documents. Our own 400s
    (OAuth errors, Problems) never come through here."""
    message = exc.detail if isinstance(exc.detail, str) else "The body cannot be parsed."
    return declared_response(
        request,
        VALIDATION_FAILED,
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
        extra={"request_id": request_id_of(request)},
    )
    return declared_response(
        request,
        INTERNAL_ERROR,
        detail="The server failed to complete the request. Quote the request id to support.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _handle_problem)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    app.add_exception_handler(Exception, _handle_unexpected)


# The problems a status always admits, whatever the operation: who names the status in its
# `problem_responses` documents these with it.
_GENERIC_BY_STATUS: dict[int, tuple[ErrorType, ...]] = {
    401: (UNAUTHORIZED, INVALID_TOKEN),
    404: (NOT_FOUND,),
    412: (ETAG_MISMATCH,),
    413: (PAYLOAD_TOO_LARGE,),
    422: (VALIDATION_FAILED,),
    428: (IF_MATCH_REQUIRED,),
}


def problem_responses(*named: int | ErrorType) -> dict[int | str, dict[str, Any]]:
    """An operation's error responses, for its `responses=`: a status (with the problems any
    operation answering it may give) or a declared error (with its status)."""
    return openapi_problems.responses(named, _GENERIC_BY_STATUS)
