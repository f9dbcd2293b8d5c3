"""The catalogue of problems: every error the API answers is declared once, in its domain's
`errors.py`, with its code, status, title and when it happens (decision 86).

A domain names itself once and declares each error in one line:

    IDENTITY = ErrorDomain("identity")
    EMAIL_TAKEN = IDENTITY.error(409, "email_taken", "Email in use", "A user already has it.")

and raises it with a detail for people: `raise EMAIL_TAKEN.problem("…")`. The same
declaration documents the operations that name it (`problem_responses(EMAIL_TAKEN)`), so the
OpenAPI document, docs/api.md and the answered `type` (PROBLEM_TYPE_BASE + code) agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from app.core.problem import PROBLEM_CLASSES, PROBLEM_TYPE_BASE, FieldError, Problem


class DuplicateErrorCode(ValueError):
    """Two declarations claim one code: a client could not tell them apart."""


@dataclass(frozen=True)
class ErrorType:
    """One kind of problem. `code` never changes once clients see it."""

    domain: str
    status: int
    code: str
    title: str
    description: str  # one line: when it happens

    @property
    def type_uri(self) -> str:
        return PROBLEM_TYPE_BASE + self.code

    @property
    def status_phrase(self) -> str:
        return HTTPStatus(self.status).phrase

    def problem(self, detail: str, *, errors: list[FieldError] | None = None) -> Problem:
        return self._build(detail, errors, None)

    def _build(
        self, detail: str, errors: list[FieldError] | None, retry_after: int | None
    ) -> Problem:
        cls = PROBLEM_CLASSES.get(self.status, Problem)
        return cls(
            detail,
            status=self.status,
            code=self.code,
            title=self.title,
            errors=errors,
            retry_after=retry_after,
        )


@dataclass(frozen=True)
class RetryableErrorType(ErrorType):
    """A problem the client may retry unchanged after `Retry-After` seconds (429, 503, 507):
    raising it without saying when is a type error."""

    def problem(  # type: ignore[override]  # the retry delay is required, on purpose
        self, detail: str, *, retry_after: int, errors: list[FieldError] | None = None
    ) -> Problem:
        return self._build(detail, errors, retry_after)


_DECLARED: dict[str, ErrorType] = {}


class ErrorDomain:
    """The errors one package declares (its `errors.py`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, status: int, code: str, title: str, description: str) -> ErrorType:
        return _declare(ErrorType(self.name, status, code, title, description))

    def retryable(self, status: int, code: str, title: str, description: str) -> RetryableErrorType:
        declared = RetryableErrorType(self.name, status, code, title, description)
        _declare(declared)
        return declared


def _declare(error: ErrorType) -> ErrorType:
    known = _DECLARED.get(error.code)
    # A module imported twice (a reload) declares the same thing again: that is no clash.
    if known is not None and known != error:
        raise DuplicateErrorCode(
            f"{error.code!r} is declared by {known.domain} and {error.domain}: shared errors "
            "live in the lower package (generic ones in app/core/errors.py)"
        )
    _DECLARED[error.code] = error
    return error


def declared_errors() -> list[ErrorType]:
    """Every error declared by the modules imported so far, by domain, status and code."""
    return sorted(
        _DECLARED.values(), key=lambda e: (e.domain != "core", e.domain, e.status, e.code)
    )
