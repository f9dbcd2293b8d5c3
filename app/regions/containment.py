"""Which region contains which, read from the division codes alone (no database).

GB/T 2260 codes nest by structure, not by plain prefix: a province `41xxxx` is `410000`, a
prefecture `4101xx` is `410100`, a county `410108`; a town extends its county's code by three
digits (`410108003`), a village the town's by three more. So a province contains the codes
that start with its first two digits, a prefecture those that start with its first four, and
a county or town those that start with its whole code. `100000` stands for all of China.

Two kinds of county-level division have no prefecture above them: those of the four
municipalities (北京 11, 天津 12, 上海 31, 重庆 50: `110101` sits directly under `110000`)
and those a province administers directly, whose prefecture digits are `90` (`419001`
济源市 under `410000`; no `419000` exists).
"""

from __future__ import annotations

NATIONAL_ROOT = "100000"
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_DIRECTLY_ADMINISTERED = "90"  # prefecture digits of a province's own county-level units

NATIONAL, PROVINCE, PREFECTURE, COUNTY, TOWN, VILLAGE = range(6)


def subtree_prefix(code: str) -> str:
    """The prefix every code in `code`'s subtree starts with ('' for all of China). A string
    that is no 6-digit province or prefecture code (a county, a town, `4101`) is its own
    prefix."""
    if code == NATIONAL_ROOT:
        return ""
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    return code


def contains(ancestor_code: str, code: str) -> bool:
    """Is `code` the region `ancestor_code` or one below it?"""
    return code.startswith(subtree_prefix(ancestor_code))


def level(code: str) -> int:
    """0 for China, 1 province, 2 prefecture, 3 county, 4 town, 5 village (by the code's
    shape: a county-level unit without a prefecture above it is still county-level, 3)."""
    if code == NATIONAL_ROOT:
        return NATIONAL
    if len(code) == 6:
        prefix = subtree_prefix(code)
        return {2: PROVINCE, 4: PREFECTURE}.get(len(prefix), COUNTY)
    return TOWN if len(code) == 9 else VILLAGE


def _has_prefecture(code: str) -> bool:
    return code[:2] not in MUNICIPALITIES and code[2:4] != _DIRECTLY_ADMINISTERED


def ancestors(code: str) -> list[str]:
    """The codes from the national root down to `code` itself, skipping the prefecture
    level where a county-level unit has none (municipalities, `xx90xx`)."""
    chain = [NATIONAL_ROOT]
    if code == NATIONAL_ROOT:
        return chain
    candidates = [code[:2] + "0000"]
    if level(code) >= PREFECTURE and _has_prefecture(code):
        candidates.append(code[:4] + "00")
    candidates += [code[:6], code[:9], code]
    for candidate in candidates:
        if len(candidate) <= len(code) and candidate not in chain:
            chain.append(candidate)
    return chain
