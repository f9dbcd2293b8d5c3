"""The problems of enterprises: sign-up, profiles and their verification."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

ENTERPRISES = ErrorDomain("enterprises")

CREDIT_CODE_TAKEN = ENTERPRISES.error(
    409,
    "credit_code_taken",
    "Credit code taken",
    "A verified enterprise already holds this credit code.",
)
INVALID_INDUSTRY_CODE = ENTERPRISES.error(
    422,
    "invalid_industry_code",
    "Invalid industry code",
    "The industry code is not a GB/T 4754-2017 code (a section letter and its digits).",
)
REQUIRED_FIELD = ENTERPRISES.error(
    422,
    "required_field",
    "Field cannot be removed",
    "A PATCH sets to null a field an enterprise cannot do without.",
)
SIGNUP_RATE_LIMITED = ENTERPRISES.retryable(
    429,
    "signup_rate_limited",
    "Too many sign-ups",
    "The address has used its sign-ups (or been refused too often) for now: retry after "
    "`Retry-After` seconds.",
)
