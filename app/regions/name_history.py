"""The dated names of the seeded regions (Huiji District, 410108), with their sources.

Reference data kept as code, like the legal values of app/law (decision 68): a change of name
is a reviewed edit here, with its source and, where the day is not confirmed from a primary
text, `provisional` and a note of what is known. The names are those of the National Bureau
of Statistics' statistical division codes (统计用区划代码) as published each year and kept,
edition by edition, in the dataset modood/Administrative-divisions-of-China (WTFPL); each
edition states the day its data is as of. The earliest edition held is 2015's.

A name whose start is not recorded (`effective_from` None) is taken to apply on any earlier
day. Codes are reused: in the 2000 census data some of these codes named other divisions;
decision 69 says why those names are not carried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from app.law.parameters import Source


@dataclass(frozen=True)
class RegionName:
    """One name of a division code and the days it was in force (both ends inclusive)."""

    name: str
    effective_from: date | None  # None: start not recorded (applies on any earlier day)
    effective_to: date | None  # None: in force now
    source: Source
    provisional: bool = False  # a day (or the name) not confirmed from a primary text
    note: str = ""  # what is known where provisional

    def in_force_on(self, day: date) -> bool:
        starts = self.effective_from is None or self.effective_from <= day
        return starts and (self.effective_to is None or day <= self.effective_to)


def check_history(code: str, names: tuple[RegionName, ...]) -> None:
    """Refuse a history that is empty, out of order or overlapping, or open at a middle end."""
    if not names:
        raise ValueError(f"{code}: a name history needs at least one name")
    for name in names:
        start, end = name.effective_from, name.effective_to
        if start is not None and end is not None and end < start:
            raise ValueError(f"{code}: {name.name} ends before it starts")
    for earlier, later in pairwise(names):
        if earlier.effective_to is None or later.effective_from is None:
            raise ValueError(f"{code}: only the first name may start open, the last end open")
        if later.effective_from <= earlier.effective_to:
            raise ValueError(f"{code}: {later.name} starts before {earlier.name} ends")


_DATASET = "modood/Administrative-divisions-of-China"


def _nbs(year: int, as_of: str, published: str, commit: str, path: str, code: str) -> Source:
    return Source(
        f"国家统计局《{year}年统计用区划代码和城乡划分代码》（截止{as_of}，发布{published}），"
        f"据 {_DATASET} {path}（提交 {commit}）",
        code,
    )


def _nbs_2023(code: str) -> Source:
    path = "dist/areas.csv" if len(code) == 6 else "dist/streets.csv"
    return _nbs(2023, "2023-06-30", "2023-09-11", "5739d76", path, code)


_NOT_BEFORE_2015 = (
    "Start not recorded: the name is already in the 2015 edition (data as of 2015-09-30), "
    "the earliest held."
)


def _reused(was: str, now_at: str) -> str:
    return (
        f"{_NOT_BEFORE_2015} In the 2000 census data (township names in pinyin) this code was "
        f"{was}{now_at}; when the codes changed, between 2000-11-01 and 2015-09-30, is not "
        "known, so that name is not carried (decision 69)."
    )


def _current(code: str, name: str, note: str = _NOT_BEFORE_2015) -> tuple[RegionName, ...]:
    return (RegionName(name, None, None, _nbs_2023(code), provisional=True, note=note),)


_RENAMED_WITHIN = "between 2017-11-01 and 2018-10-31"

HISTORY: dict[str, tuple[RegionName, ...]] = {
    "410108": _current("410108", "惠济区"),
    "410108001": _current("410108001", "新城街道", _reused("Liu Zhai Jie Dao (刘寨街道)", "")),
    "410108002": _current("410108002", "刘寨街道"),
    "410108003": (
        RegionName(
            "老鸦陈街道",
            None,
            date(2018, 10, 30),
            _nbs(2017, "2017-10-31", "2018-06-20", "c893e3b", "dist/streets.csv", "410108003"),
            provisional=True,
            note="In the 2015, 2016 and 2017 editions (the last with data as of 2017-10-31). "
            f"The day of the renaming is not confirmed from a primary text: it lies "
            f"{_RENAMED_WITHIN}; this name is taken to end on 2018-10-30, the day before "
            "the as-of day of the first edition that shows the new name.",
        ),
        RegionName(
            "江山路街道",
            date(2018, 10, 31),
            None,
            _nbs(2018, "2018-10-31", "2019-01-31", "31aaa3c", "dist/streets.csv", "410108003"),
            provisional=True,
            note="First shown in the 2018 edition (data as of 2018-10-31) and in every "
            f"edition since (2023: 江山路街道). The renaming happened {_RENAMED_WITHIN}; it "
            "is dated at the first day a source shows the new name.",
        ),
    ),
    "410108004": _current("410108004", "长兴路街道"),
    "410108005": _current("410108005", "迎宾路街道"),
    "410108006": _current("410108006", "大河路街道"),
    "410108100": _current(
        "410108100",
        "花园口镇",
        _reused("Lao Ya Chen Zhen (老鸦陈镇)", ", and 花园口镇 was 410108101"),
    ),
    "410108101": _current(
        "410108101",
        "古荥镇",
        _reused("Hua Yuan Kou Zhen (花园口镇)", ", and 古荥镇 was 410108102"),
    ),
}

for _code, _names in HISTORY.items():
    check_history(_code, _names)
