"""Answers to institutions, computed from the in-memory snapshot only (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.blacklist.snapshot import Snapshot
from app.core.errors import FieldError, Unprocessable
from app.core.validators import check_uscc, normalize_code


def credit_code_or_422(raw: str, field: str) -> str:
    code = normalize_code(raw)
    check = check_uscc(code)
    if check.problem is not None:
        raise Unprocessable(
            f"{raw!r} is not a valid unified social credit code ({check.problem.value}).",
            code="invalid_credit_code",
            errors=[
                FieldError(field=field, message=check.problem.value, code="invalid_credit_code")
            ],
        )
    return code


def known_version(snapshot: Snapshot, requested: int | None) -> int:
    """The dataset version to answer from: the one asked for, or the latest known."""
    if requested is None:
        return snapshot.dataset_version
    if requested > snapshot.dataset_version:
        raise Unprocessable(
            f"Dataset version {requested} is not known here yet (latest "
            f"{snapshot.dataset_version}).",
            code="unknown_dataset_version",
            errors=[
                FieldError(field="query.dataset_version", message="ahead of the data", code="ahead")
            ],
        )
    return requested


def lookup(
    snapshot: Snapshot, credit_code: str, as_of: date, version: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the response body, the answer a receipt records) for one credit code."""
    entries = snapshot.in_force(credit_code, as_of, version)
    body = {
        "credit_code": credit_code,
        "listed": bool(entries),
        "entries": [e.fields for e in entries],
        "as_of": as_of.isoformat(),
        "dataset_version": version,
    }
    answer = {
        "listed": bool(entries),
        "entries": [[e.entry_id, e.fields["version"]] for e in entries],
    }
    return body, answer
