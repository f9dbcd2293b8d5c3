"""GBZ 188 health-exam intervals (职业健康监护技术规范) by edition, for every pack's periodic-exam
rule (the district's 22.3, national law's art. 35).

The table is data: a correction is one line. Where the interval depends on the exposure
level (noise in dB(A), productive dust by grade) the entry is banded. Editions are chosen by
the date judged, so a report as of a day uses the table in force that day (rules.md,
"Values that change inside the pack's life").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.law.parameters import Dated, NotInForce, Parameter, Source
from app.registry.catalog import HazardFactor

YEARLY, EVERY_2_YEARS, EVERY_3_YEARS = 12, 24, 36  # months
NOISE_YEARLY_FROM_DBA = 85.0  # 8-h equivalent; 80–85 every 2 years *(check)*
NOISE_LOWEST_BAND_DBA = 80.0
DUST_YEARLY_FROM_GRADE = 2.0  # grade II and above yearly; grade I every 2 years *(check)*
DUST_LOWEST_BAND_GRADE = 1.0
GBZ188_2014_FROM = date(2014, 10, 1)
GBZ188_2025_FROM = date(2026, 8, 1)
# The first day any pack judges exams by this table (the district pack's start): the 2007
# edition stands in from then until the 2014 edition.
JUDGED_FROM = date(2014, 6, 17)


@dataclass(frozen=True)
class Interval:
    months: int
    # The edition's own value is not confirmed yet, so the older edition's is kept; a
    # finding that used it must say so.
    provisional: bool = False


class Scale(StrEnum):
    DBA = "dB(A)"
    GRADE = "grade"


@dataclass(frozen=True)
class Banded:
    """An interval depending on the exposure level: the first band whose floor the level
    reaches applies; a level below every floor takes the last band's interval."""

    scale: Scale
    bands: tuple[tuple[float, Interval], ...]  # (floor, interval), highest floor first

    @property
    def shortest(self) -> Interval:
        return min((i for _, i in self.bands), key=lambda i: i.months)

    @property
    def longest(self) -> Interval:
        return max((i for _, i in self.bands), key=lambda i: i.months)

    def at(self, level: float) -> Interval:
        for floor, interval in self.bands:
            if level >= floor:
                return interval
        return self.bands[-1][1]


Entry = Interval | Banded


@dataclass(frozen=True)
class Edition:
    name: str
    valid_from: date
    intervals: Mapping[str, Entry]
    default: Interval  # for a factor the table does not list

    def interval_for(self, factor: str, level: str | None) -> Applied:
        return _interval(factor, level, self.name)


_YEAR, _TWO, _THREE = Interval(YEARLY), Interval(EVERY_2_YEARS), Interval(EVERY_3_YEARS)

_INTERVALS_2014: dict[str, Entry] = {
    HazardFactor.NOISE: Banded(
        Scale.DBA, ((NOISE_YEARLY_FROM_DBA, _YEAR), (NOISE_LOWEST_BAND_DBA, _TWO))
    ),
    HazardFactor.DUST: Banded(
        Scale.GRADE, ((DUST_YEARLY_FROM_GRADE, _YEAR), (DUST_LOWEST_BAND_GRADE, _TWO))
    ),
    HazardFactor.LEAD: _YEAR,
    HazardFactor.MANGANESE: _YEAR,
    HazardFactor.CADMIUM: _YEAR,
    HazardFactor.CHROMIUM: _YEAR,
    HazardFactor.BENZENE: _YEAR,
    HazardFactor.TOLUENE: _YEAR,
    HazardFactor.XYLENE: _YEAR,
    HazardFactor.CARBON_DISULFIDE: _YEAR,
    HazardFactor.N_HEXANE: _YEAR,
    HazardFactor.CHLORINE: _YEAR,
    HazardFactor.SULFUR_DIOXIDE: _YEAR,
    HazardFactor.NITROGEN_OXIDES: _YEAR,
    HazardFactor.AMMONIA: _YEAR,
    HazardFactor.FORMALDEHYDE: _YEAR,
    HazardFactor.METHANOL: _THREE,
    HazardFactor.CARBON_MONOXIDE: _THREE,
    HazardFactor.HYDROGEN_SULFIDE: _THREE,
    HazardFactor.PHOSGENE: _THREE,
    HazardFactor.TRICHLOROETHYLENE: _THREE,
}


def _provisional(entry: Entry) -> Entry:
    if isinstance(entry, Interval):
        return replace(entry, provisional=True)
    return replace(entry, bands=tuple((f, replace(i, provisional=True)) for f, i in entry.bands))


# Before 2014-10-01 the 2007 edition was in force. Its table is not entered: the 2014
# intervals stand in for it, provisionally (judging starts 2014-06-17, so this covers
# three and a half months).
GBZ188_2007 = Edition(
    "GBZ 188-2007",
    date.min,
    {factor: _provisional(entry) for factor, entry in _INTERVALS_2014.items()},
    Interval(YEARLY, provisional=True),
)
GBZ188_2014 = Edition("GBZ 188-2014", GBZ188_2014_FROM, _INTERVALS_2014, _YEAR)
# Not confirmed yet: the 2014 values, marked provisional. Confirming a value means replacing
# its entry with a plain Interval(months).
GBZ188_2025 = Edition(
    "GBZ 188-2025",
    GBZ188_2025_FROM,
    {factor: _provisional(entry) for factor, entry in _INTERVALS_2014.items()},
    Interval(YEARLY, provisional=True),
)
EDITIONS = (GBZ188_2007, GBZ188_2014, GBZ188_2025)  # oldest first
_BY_NAME = {e.name: e for e in EDITIONS}

# The edition in force, as a dated parameter: what a finding's trace names.
EDITION: Parameter[str] = Parameter(
    "gbz188.edition",
    "edition",
    "The GBZ 188 edition (职业健康监护技术规范) whose exam intervals apply.",
    (
        Dated(
            GBZ188_2007.name,
            JUDGED_FROM,
            Source("GBZ 188-2007 职业健康监护技术规范", ""),
            provisional=True,
            note="the 2007 table is not entered; the 2014 intervals stand in",
        ),
        Dated(GBZ188_2014.name, GBZ188_2014_FROM, Source("GBZ 188-2014 职业健康监护技术规范", "")),
        Dated(
            GBZ188_2025.name,
            GBZ188_2025_FROM,
            Source("GBZ 188-2025 职业健康监护技术规范", ""),
            provisional=True,
            note="the 2025 intervals are not confirmed; the 2014 values stand in",
        ),
    ),
)


def edition_named(name: str) -> Edition:
    return _BY_NAME[name]


def edition_on(day: date) -> Edition:
    try:
        return _BY_NAME[EDITION.at(day).value]
    except NotInForce:  # a day before the pack: the oldest edition
        return EDITIONS[0]


@dataclass(frozen=True)
class Applied:
    """The interval used for one exposure, and what it was read from."""

    interval: Interval  # the shortest band when the level could not be read
    edition: str
    level_unread: bool  # level-dependent factor without a readable level
    longest: Interval  # the interval if the level were in the lowest band

    @property
    def provisional(self) -> bool:
        return self.interval.provisional or self.longest.provisional


def interval_for(factor: str, level: str | None, day: date) -> Applied:
    return edition_on(day).interval_for(factor, level)


@functools.lru_cache(maxsize=4096)  # pure, and asked once per exposure: a few keys recur
def _interval(factor: str, level: str | None, edition_name: str) -> Applied:
    edition = next(e for e in EDITIONS if e.name == edition_name)
    entry = edition.intervals.get(factor, edition.default)
    if isinstance(entry, Interval):
        return Applied(entry, edition.name, False, entry)
    value = read_level(entry.scale, level)
    if value is None:
        # Without the level the strictest band is safe to pass on; beyond it the answer
        # depends on the level, which the rule reports as unknown.
        return Applied(entry.shortest, edition.name, True, entry.longest)
    chosen = entry.at(value)
    return Applied(chosen, edition.name, False, chosen)


_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")
_DBA = re.compile(r"(\d+(?:\.\d+)?)\s*dB", re.IGNORECASE)  # "LEX,8h 87 dB(A)": not the 8
# Dust grades as people write them (GBZ/T 229.1 grades 0 to IV), upper-cased, "grade"/"级" removed.
_GRADES = {"0": 0, "零": 0, "I": 1, "Ⅰ": 1, "一": 1, "II": 2, "Ⅱ": 2, "二": 2}
_GRADES |= {"III": 3, "Ⅲ": 3, "三": 3, "IV": 4, "Ⅳ": 4, "四": 4}


def read_level(scale: Scale, level: str | None) -> float | None:
    """The number in a free-text level ("87 dB(A)", "87dB", "grade II", "Ⅱ级", "2"), or None."""
    if not level:
        return None
    if scale is Scale.DBA:
        number = _DBA.search(level) or _NUMBER.search(level)
        return float(number.group(1)) if number else None
    text = level.upper().replace("GRADE", "").replace("级", "").strip()
    if _NUMBER.fullmatch(text):
        return float(text)
    grade = _GRADES.get(text)
    return None if grade is None else float(grade)
