"""How code outside the rule engine reads a parameter, and how a rule passes its own reader.

A helper that needs legal values (a certificate's review date, say) takes a `ReadValue`: the
registry passes `in_force`, a rule passes its `facts.value`, so what the helper read lands
in the finding's trace.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar

from app.law.parameters import Parameter

T = TypeVar("T")


class ReadValue(Protocol):
    """Reads `parameter` on `day` (e.g. `Facts.value`, `Reads.value` or `in_force`)."""

    def __call__(self, parameter: Parameter[T], day: date, /) -> T: ...


def in_force(parameter: Parameter[T], day: date, /) -> T:
    """The value in force on `day`, logged nowhere."""
    return parameter.at(day).value


def judged_on(parameter: Parameter[T], day: date) -> date:
    """The day to read `parameter` on for a record dated `day`: that day, or the parameter's
    first day when the record is older than the earliest value recorded. Records from before
    the law the project knows are judged by its first version (decision 70): refusing to
    show them at all would help nobody, and guessing an earlier law would be worse."""
    first = parameter.values[0].effective_from
    return max(day, first)
