"""Legal values as dated parameters: a value applies from a date until the next one does.

A rule never holds a legal number, list or period as a constant: it reads a `Parameter` on
the day that matters (the as-of date, or a record's own date, such as a certificate's issue
date) and gets the `Dated` value in force then, with the document and article it comes from.
Changing the law means adding a dated value here, not editing a rule. A value not confirmed
from a primary text is `provisional`, and every finding that used it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Where a value comes from: a document and the article, clause or table in it."""

    document: str  # e.g. 惠政文〔2014〕53号, 安全生产法（2021）, GBZ 188-2014
    article: str  # e.g. 第十七条, art. 21, table 1; "" where the whole document is meant

    def cite(self) -> str:
        return f"{self.document} {self.article}".strip()


@dataclass(frozen=True)
class Dated(Generic[T]):
    """One value of a parameter and the first day it applies."""

    value: T
    effective_from: date
    source: Source
    provisional: bool = False  # not confirmed from a primary text
    note: str = ""  # why provisional, or how the text was read


class NotInForce(LookupError):
    """A parameter was read for a day before its first value: a bug in the caller."""


@dataclass(frozen=True)
class Parameter(Generic[T]):
    """A named legal value over time. `values` are in date order; each applies until the
    next one's `effective_from` (or `ends_on`, if set, for the last)."""

    key: str  # stable, dotted: huiji-2014.staffing.threshold
    unit: str  # employees, hours, days, months, years, date, categories …
    description: str
    values: tuple[Dated[T], ...]
    ends_on: date | None = None  # the last day the parameter applies at all

    def __post_init__(self) -> None:
        days = [v.effective_from for v in self.values]
        if not days or days != sorted(set(days)):
            raise ValueError(f"{self.key}: values must be non-empty, in strictly rising dates")

    def at(self, day: date) -> Dated[T]:
        """The value in force on `day`."""
        current = None
        for dated in self.values:
            if dated.effective_from > day:
                break
            current = dated
        if current is None or (self.ends_on is not None and day > self.ends_on):
            raise NotInForce(f"{self.key} has no value on {day}")
        return current

    def effective_to(self, dated: Dated[T]) -> date | None:
        """The last day `dated` applies: the day before its successor, or the end."""
        later = [v.effective_from for v in self.values if v.effective_from > dated.effective_from]
        return later[0] - timedelta(days=1) if later else self.ends_on


def constant(
    key: str,
    unit: str,
    description: str,
    value: T,
    effective_from: date,
    source: Source,
    *,
    provisional: bool = False,
    note: str = "",
) -> Parameter[T]:
    """A parameter with a single value so far."""
    return Parameter(
        key, unit, description, (Dated(value, effective_from, source, provisional, note),)
    )
