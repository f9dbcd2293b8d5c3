"""The problems of watchlists and their members."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

WATCHLISTS = ErrorDomain("watchlists")

NOT_A_MEMBER = WATCHLISTS.error(
    404, "not_a_member", "Not a member", "The credit code is not on the watchlist."
)
WATCHLIST_NAME_TAKEN = WATCHLISTS.error(
    409,
    "watchlist_name_taken",
    "Watchlist name taken",
    "Your organization already has a watchlist of this name.",
)
WATCHLIST_FULL = WATCHLISTS.error(
    409,
    "watchlist_full",
    "Watchlist full",
    "The members would pass the watchlist's cap; nothing was added.",
)
INVALID_MEMBERS = WATCHLISTS.error(
    422,
    "invalid_members",
    "Invalid members",
    "Codes or rows cannot be accepted (`errors` names each, the first ones); nothing was written.",
)
EMPTY_FILE = WATCHLISTS.error(
    422, "empty_file", "Empty file", "The members file has no header or no rows below it."
)
UNKNOWN_COLUMN = WATCHLISTS.error(
    422,
    "unknown_column",
    "Unknown column",
    "The members file has a column other than credit_code and reference.",
)
MISSING_COLUMN = WATCHLISTS.error(
    422, "missing_column", "Missing column", "The members file has no credit_code column."
)
