"""The database's faults in the OpenAPI document.

Any route that reads or writes the database can answer 503 when the database cannot serve
(unreachable, busy past its timeout, read-only) and, for a change, 507 when its disk is
full (app/core/errors.py `database_fault`). Those answers come from the error handler, not
from a route, so no route declares them; this adds them to every operation that touches the
database, so that clients generated from the document know to retry after `Retry-After`.
"""

from __future__ import annotations

from typing import Any

from app.core import openapi_problems
from app.core.error_catalog import ErrorType
from app.core.errors import (
    DATABASE_BUSY,
    DATABASE_READ_ONLY,
    DATABASE_UNAVAILABLE,
    STORAGE_FULL,
)

# Operations that never touch the database, or that document their own 503 (readiness).
_WITHOUT_DATABASE = {"/healthz", "/readyz", "/metrics", "/.well-known/jwks.json"}
_CHANGES = {"post", "put", "patch", "delete"}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying the same request unchanged.",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def _response(status: int, *errors: ErrorType) -> dict[str, Any]:
    return openapi_problems.response(status, list(errors), headers=_RETRY_AFTER)


UNAVAILABLE = _response(503, DATABASE_UNAVAILABLE, DATABASE_BUSY, DATABASE_READ_ONLY)
STORAGE_FULL_RESPONSE = _response(507, STORAGE_FULL)


def document_database_faults(document: dict[str, Any]) -> dict[str, Any]:
    for path, operations in document.get("paths", {}).items():
        if path in _WITHOUT_DATABASE:
            continue
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("503", UNAVAILABLE)
            if method in _CHANGES:
                responses.setdefault("507", STORAGE_FULL_RESPONSE)
    return document
