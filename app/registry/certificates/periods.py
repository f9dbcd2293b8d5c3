"""Validity and review periods of certificates, and the calendar arithmetic they need.

The years are SAWS order 30 (special operations: valid 6, reviewed every 3, or every 6 with
the authority's consent) and the standardization measures (valid 3, *(check)*,
regulations.md). They live here as named values so that order 19 (from 2026-06-01) or a
confirmed standardization period is a one-line change until the rule pack carries them.
"""

from __future__ import annotations

from datetime import date

SPECIAL_OPERATION_VALIDITY_YEARS = 6
SPECIAL_OPERATION_REVIEW_YEARS = 3
SPECIAL_OPERATION_EXTENDED_REVIEW_YEARS = 6
STANDARDIZATION_VALIDITY_YEARS = 3


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year (a
    certificate issued on a leap day must not gain a day)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def earliest_reaching(day: date, years: int) -> date:
    """The earliest start whose `add_years(start, years)` is on or after `day`.

    So `add_years(start, years) < day` exactly when `start < earliest_reaching(day, years)`,
    which lets a list filter compare stored columns with one precomputed date in SQL instead
    of doing calendar arithmetic in two SQL dialects.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        # `day` is 29 February and the year `years` before is common: starts up to 28 February
        # land on 28 February, before `day`; the first that reaches it is 1 March.
        return date(day.year - years, 3, 1)


def first_review_due(issued_on: date, expires_on: date, six_year_review: bool) -> date:
    """When the review inside the validity falls due: 3 (or 6) years after issue, or the
    expiry where that comes first (then there is no review, only renewal)."""
    years = (
        SPECIAL_OPERATION_EXTENDED_REVIEW_YEARS
        if six_year_review
        else SPECIAL_OPERATION_REVIEW_YEARS
    )
    return min(add_years(issued_on, years), expires_on)


def review_due(
    issued_on: date, last_review_on: date | None, expires_on: date, six_year_review: bool
) -> date:
    """When the certificate's next review falls due: 3 (or 6) years after issue or the last
    review, and never after expiry, where the renewal review (延期复审) is due anyway."""
    years = (
        SPECIAL_OPERATION_EXTENDED_REVIEW_YEARS
        if six_year_review
        else SPECIAL_OPERATION_REVIEW_YEARS
    )
    return min(add_years(last_review_on or issued_on, years), expires_on)
