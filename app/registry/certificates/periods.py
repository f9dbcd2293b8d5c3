"""Validity and review periods of certificates, and the calendar arithmetic they need.

Special-operation periods are dated law (app/law/special_operations.py): a certificate is
judged by the periods in force on its issue date, read through a `ReadValue` so a rule that
calls these helpers gets what they read in its trace. The standardization period (valid 3,
*(check)*, regulations.md) is still a named value here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.law.parameters import Parameter
from app.law.reading import ReadValue, in_force, judged_on
from app.law.special_operations import (
    EXTENDED_REVIEW_YEARS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_YEARS,
    VALIDITY_YEARS,
)

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


def validity_years(issued_on: date, read: ReadValue = in_force) -> int:
    """The longest validity in force on the issue date."""
    return read(VALIDITY_YEARS, judged_on(VALIDITY_YEARS, issued_on))


def latest_expiry(issued_on: date, read: ReadValue = in_force) -> date:
    """The last expiry date a certificate issued on `issued_on` may carry."""
    return add_years(issued_on, validity_years(issued_on, read))


def review_years(
    issued_on: date,
    six_year_review: bool,
    read: ReadValue = in_force,
    *,
    review: Parameter[int] = REVIEW_YEARS,
    extended: Parameter[int] = EXTENDED_REVIEW_YEARS,
) -> int:
    """The review interval in force on the issue date: 3 years, or 6 with consent."""
    parameter = extended if six_year_review else review
    return read(parameter, judged_on(parameter, issued_on))


def first_review_due(
    issued_on: date, expires_on: date, six_year_review: bool, read: ReadValue = in_force
) -> date:
    """When the review inside the validity falls due: 3 (or 6) years after issue, or the
    expiry where that comes first (then there is no review, only renewal). A review made
    late does not move it (order 30 art. 26)."""
    return min(add_years(issued_on, review_years(issued_on, six_year_review, read)), expires_on)


def review_due(
    issued_on: date,
    last_review_on: date | None,
    expires_on: date,
    six_year_review: bool,
    read: ReadValue = in_force,
    *,
    review: Parameter[int] = REVIEW_YEARS,
    extended: Parameter[int] = EXTENDED_REVIEW_YEARS,
) -> date:
    """When the certificate's next review falls due: the interval in force on the issue date
    after issue or the last review, and never after expiry, where the renewal review (延期复审)
    is due anyway. `review`/`extended` are for tests of periods that change."""
    years = review_years(issued_on, six_year_review, read, review=review, extended=extended)
    return min(add_years(last_review_on or issued_on, years), expires_on)


def review_pending(review_applied_on: date | None, last_review_on: date | None) -> bool:
    """An application for review is recorded and no review has been recorded since: the
    authority has not decided yet (or the decision is not recorded)."""
    return review_applied_on is not None and (
        last_review_on is None or review_applied_on > last_review_on
    )


def applied_on_time(applied_on: date, due: date, read: ReadValue = in_force) -> bool:
    """Applied within the window before the due date (order 30 art. 22: the 60 days before
    it, the due day included). The window is the one in force on the day of application: the
    act is judged by the rule that applied when it was done (decision 71)."""
    days = read(REVIEW_APPLICATION_DAYS, judged_on(REVIEW_APPLICATION_DAYS, applied_on))
    return due - timedelta(days=days) <= applied_on <= due


@dataclass(frozen=True)
class ReviewRegime:
    """Issue dates `first`..`last` (open where None) share these review intervals."""

    first: date | None
    last: date | None
    review_years: int
    extended_years: int


def review_regimes(
    review: Parameter[int] = REVIEW_YEARS, extended: Parameter[int] = EXTENDED_REVIEW_YEARS
) -> tuple[ReviewRegime, ...]:
    """The runs of issue dates over which both review intervals stay the same, in date order;
    the first is open below (older certificates are judged by the first value), the last
    open above. A list filter writes one condition per run."""
    starts = sorted({v.effective_from for v in (*review.values, *extended.values)})
    runs: list[ReviewRegime] = []
    for index, start in enumerate(starts):
        last = starts[index + 1] - timedelta(days=1) if index + 1 < len(starts) else None
        years = (
            in_force(review, judged_on(review, start)),
            in_force(extended, judged_on(extended, start)),
        )
        if runs and (runs[-1].review_years, runs[-1].extended_years) == years:
            runs[-1] = ReviewRegime(runs[-1].first, last, *years)
        else:
            runs.append(ReviewRegime(None if not runs else start, last, *years))
    return tuple(runs)
