"""The parameter values a piece of work read, in the order it read them: a finding's trace.

Rules read parameters through `Reads.value`; the engine gives each rule a fresh log and
keeps what it read, so no value a finding used can be missing from its trace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from app.law.parameters import Dated, Parameter

T = TypeVar("T")


@dataclass(frozen=True)
class Read:
    """A parameter value used, and the day it was read for."""

    parameter: Parameter[Any]
    dated: Dated[Any]
    day: date

    @property
    def effective_to(self) -> date | None:
        return self.parameter.effective_to(self.dated)


@dataclass
class Reads:
    """An append-only log of reads; equal reads are kept once, in first-read order.

    `amended` holds a draft's versions of some parameters, by key (app/compliance/drafts.py):
    a rule reading one reads the draft's values instead, and its trace names the draft."""

    log: dict[tuple[str, date], Read] = field(default_factory=dict)
    amended: Mapping[str, Parameter[Any]] = field(default_factory=dict)

    def value(self, parameter: Parameter[T], day: date) -> T:
        parameter = self.amended.get(parameter.key, parameter)
        dated = parameter.at(day)
        # Keyed by the value's own start, not the day read: reading a parameter for 400
        # certificates' issue dates is as many reads as there are values used.
        self.log.setdefault((parameter.key, dated.effective_from), Read(parameter, dated, day))
        return dated.value

    def capture(self, work: Callable[[], T]) -> tuple[T, tuple[Read, ...]]:
        """Run `work` and return what it read (which is also logged here as usual)."""
        outer, self.log = self.log, {}
        try:
            result = work()
        finally:
            inner, self.log = self.log, outer
        read = tuple(inner.values())
        self.replay(read)
        return result, read

    def replay(self, reads: tuple[Read, ...]) -> None:
        for read in reads:
            self.log.setdefault((read.parameter.key, read.dated.effective_from), read)

    def all(self) -> tuple[Read, ...]:
        return tuple(self.log.values())
