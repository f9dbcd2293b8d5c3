"""Declared errors in the OpenAPI document: each error response lists its problems.

Per status, an operation's response names its problems three ways: their codes in the
description (what Swagger UI shows first), as examples of the problem body (Swagger UI's
drop-down, each with its title, when and type URI; a `$ref` to one shared example per
error), and in `x-problems` (code, type, title: for programs and generated clients).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from app.core.error_catalog import ErrorType, declared_errors
from app.core.problem import PROBLEM_MEDIA_TYPE, PROBLEM_SCHEMA_REF, ProblemDetail

EXAMPLES_REF = "#/components/examples/"


def responses(
    named: Iterable[int | ErrorType], generic: Mapping[int, tuple[ErrorType, ...]]
) -> dict[int | str, dict[str, Any]]:
    """The responses of `named` statuses (each with its `generic` problems) and errors."""
    by_status: dict[int, list[ErrorType]] = {}
    for item in named:
        status = item if isinstance(item, int) else item.status
        listed = by_status.setdefault(status, [])
        for error in generic.get(status, ()) if isinstance(item, int) else (item,):
            if error not in listed:
                listed.append(error)
    documented: dict[int | str, dict[str, Any]] = {}
    for status, errors in by_status.items():
        # `model` documents the schema under application/json only; problems are sent as
        # problem+json, so the schema is named there too (clients validate by it).
        documented[status] = {"model": ProblemDetail, **response(status, errors)}
    return documented


def response(
    status: int, errors: list[ErrorType], headers: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One status's response in the OpenAPI document."""
    media: dict[str, Any] = {"schema": {"$ref": PROBLEM_SCHEMA_REF}}
    documented: dict[str, Any] = {
        "description": HTTPStatus(status).phrase
        + (": " + ", ".join(f"`{error.code}`" for error in errors) if errors else ""),
        "content": {PROBLEM_MEDIA_TYPE: media},
    }
    if errors:
        media["examples"] = {error.code: {"$ref": EXAMPLES_REF + error.code} for error in errors}
        documented["x-problems"] = [
            {"code": error.code, "type": error.type_uri, "title": error.title} for error in errors
        ]
    if headers:
        documented["headers"] = headers
    return documented


def document_problem_examples(document: dict[str, Any]) -> dict[str, Any]:
    """Add the one example of each declared error the operations refer to."""
    text = str(document.get("paths", {}))
    examples = document.setdefault("components", {}).setdefault("examples", {})
    for error in declared_errors():
        if f"'{EXAMPLES_REF}{error.code}'" in text:
            examples[error.code] = {
                "summary": f"{error.code}: {error.title}",
                "description": error.description,
                "value": {
                    "type": error.type_uri,
                    "title": error.title,
                    "status": error.status,
                    "detail": error.description,
                    "instance": "/v1/…",
                    "code": error.code,
                },
            }
    return document
