"""Special operations (特种作业) as dated law: the catalogue and the certificate's periods.

SAWS order 30 (特种作业人员安全技术培训考核管理规定, in force 2010-07-01, amended by SAWS
orders 63 of 2013 and 80 of 2015) until 2026-05-31; MEM order 19 (应急管理部令第19号,
published 2025-12-17) with its catalogue 应急〔2026〕45号 from 2026-06-01. The text of
order 19 and of the 2026 catalogue was not seen (shared/domain/legal-research.md §3, §15):
every order-19 value below is order 30's, carried over and marked provisional, until someone
reads the text and replaces it with a dated value of its own (decision 70).

A certificate is judged by the law in force on its ISSUE date: the catalogue its category
must belong to, its longest validity and its review periods. Codes are the catalogue's
("1.2" low-voltage electrical work); categories 5–11 are kept at the category level, as the
registry has always stored them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from app.law.parameters import Dated, Parameter, Source

ORDER_30 = (
    "特种作业人员安全技术培训考核管理规定（原国家安全生产监督管理总局令第30号，2013、2015年修正）"
)
ORDER_30_CATALOGUE = "特种作业目录（原国家安全生产监督管理总局令第30号附件）"
ELECTRICAL_2018 = "安监总人事〔2018〕18号"
ORDER_19 = "特种作业人员安全技术培训考核管理规定（应急管理部令第19号）"
CATALOGUE_2026 = "特种作业目录（应急〔2026〕45号）"

ORDER_30_FROM = date(2010, 7, 1)
# The 2018 electrical integration: the document's number dates it to 2018, its day was not
# found. 1 January is taken so that no certificate issued under it in 2018 is refused.
ELECTRICAL_2018_FROM = date(2018, 1, 1)
ORDER_19_FROM = date(2026, 6, 1)

NOT_SEEN_19 = (
    "Text of MEM order 19 not seen (legal-research.md §3): carried over from SAWS order 30. "
    "A quiz built from order 19 also gives 6-year validity and a 3-yearly review."
)


@dataclass(frozen=True)
class Catalogue:
    """A special-operation catalogue (特种作业目录): codes and their names, in order."""

    title: str  # how a message names it: 特种作业目录（…）
    categories: Mapping[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.categories

    def name_of(self, code: str) -> str | None:
        return self.categories.get(code)


def _catalogue(title: str, categories: dict[str, str]) -> Catalogue:
    return Catalogue(title, MappingProxyType(categories))


# Order 30's catalogue as the registry has stored it since issue 5: the electrical and
# welding, height and refrigeration operations by operation, the others by category.
_ORDER_30_CODES = {
    "1.1": "高压电工作业",
    "1.2": "低压电工作业",
    "1.3": "防爆电气作业",
    "2.1": "熔化焊接与热切割作业",
    "2.2": "压力焊作业",
    "2.3": "钎焊作业",
    "3.1": "登高架设作业",
    "3.2": "高处安装、维护、拆除作业",
    "4.1": "制冷与空调设备运行操作作业",
    "4.2": "制冷与空调设备安装修理作业",
    "5": "煤矿安全作业",
    "6": "金属非金属矿山安全作业",
    "7": "石油天然气安全作业",
    "8": "冶金（有色）生产安全作业",
    "9": "危险化学品安全作业",
    "10": "烟花爆竹安全作业",
    "11": "安全监管总局认定的其他作业",
}
# The three electrical operations the 2018 integration added (power-grid work brought into
# the catalogue). Their codes are this project's, numbered after 1.3: the document was not
# seen and public code lists name them without numbers.
_ELECTRICAL_2018_CODES = {
    "1.4": "电力电缆作业",
    "1.5": "继电保护作业",
    "1.6": "电气试验作业",
}


def _with_2018_electrical() -> dict[str, str]:
    codes = dict(_ORDER_30_CODES)
    ordered = list(codes.items())
    at = [code for code, _ in ordered].index("2.1")
    return dict(ordered[:at] + list(_ELECTRICAL_2018_CODES.items()) + ordered[at:])


CATALOGUE: Parameter[Catalogue] = Parameter(
    "special-operations.catalogue",
    "categories",
    "The special-operation catalogue (特种作业目录) a certificate's category must belong to.",
    (
        Dated(
            _catalogue(ORDER_30_CATALOGUE, dict(_ORDER_30_CODES)),
            ORDER_30_FROM,
            Source(ORDER_30, "附件"),
            note="Codes 1.1–1.3 and 2.1 seen on a page; the rest from code enums "
            "(legal-research.md §3). Categories 5–11 are kept whole.",
        ),
        Dated(
            _catalogue(f"{ORDER_30_CATALOGUE}，{ELECTRICAL_2018}调整", _with_2018_electrical()),
            ELECTRICAL_2018_FROM,
            Source(ELECTRICAL_2018, ""),
            provisional=True,
            note="Adds 电力电缆作业, 继电保护作业, 电气试验作业 (seen in code enums). The "
            "day it took effect was not found (1 January 2018 is assumed) and codes 1.4–1.6 "
            "are this project's numbering.",
        ),
        Dated(
            _catalogue(CATALOGUE_2026, _with_2018_electrical()),
            ORDER_19_FROM,
            Source(CATALOGUE_2026, ""),
            provisional=True,
            note="The 2026 catalogue was not seen: order 30's catalogue with the 2018 "
            "electrical operations is carried over. Codes it drops or adds are unknown.",
        ),
    ),
)


def _periods(
    key: str, unit: str, description: str, value: int, article: str, *, order_30_note: str = ""
) -> Parameter[int]:
    """A period of order 30 (from its article), carried over provisionally into order 19."""
    return Parameter(
        key,
        unit,
        description,
        (
            Dated(
                value,
                ORDER_30_FROM,
                Source(ORDER_30, article),
                provisional=bool(order_30_note),
                note=order_30_note,
            ),
            Dated(value, ORDER_19_FROM, Source(ORDER_19, ""), provisional=True, note=NOT_SEEN_19),
        ),
    )


VALIDITY_YEARS = _periods(
    "special-operations.validity",
    "years",
    "How long a special-operation certificate (特种作业操作证) is valid from issue, at most.",
    6,
    "第十九条",
)
REVIEW_YEARS = _periods(
    "special-operations.review",
    "years",
    "Review (复审) interval: from issue or the last review to the next review.",
    3,
    "第二十一条",
)
EXTENDED_REVIEW_YEARS = _periods(
    "special-operations.review-extended",
    "years",
    "Review interval with the authority's consent (≥10 years' clean work in the category).",
    6,
    "第二十一条",
)
REVIEW_APPLICATION_DAYS = _periods(
    "special-operations.review-application",
    "days",
    "The holder applies for review within this many days before it is due.",
    60,
    "第二十二条",
    order_30_note="60 days is from memory in legal-research.md §3 ([M]); not seen in a text.",
)
REVIEW_DECISION_WORKING_DAYS = _periods(
    "special-operations.review-decision",
    "working days",
    "The authority decides on a review application within this many working days.",
    20,
    "第二十四条",
)
MISSED_REVIEW_VOIDS: Parameter[bool] = Parameter(
    "special-operations.missed-review-voids",
    "flag",
    "A review not done on time (or failed twice) voids the certificate.",
    (
        Dated(True, ORDER_30_FROM, Source(ORDER_30, "第二十六条")),
        Dated(True, ORDER_19_FROM, Source(ORDER_19, ""), provisional=True, note=NOT_SEEN_19),
    ),
)

PARAMETERS = (
    CATALOGUE,
    VALIDITY_YEARS,
    REVIEW_YEARS,
    EXTENDED_REVIEW_YEARS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_DECISION_WORKING_DAYS,
    MISSED_REVIEW_VOIDS,
)


def catalogue_on(day: date) -> Catalogue:
    """The catalogue in force on `day` (NotInForce before order 30)."""
    return CATALOGUE.at(day).value


def all_codes() -> tuple[str, ...]:
    """Every code any catalogue has had, in catalogue order: what a request may name at all
    (whether it was in force on the record's date is the registry's check)."""
    codes: dict[str, None] = {}
    for dated in CATALOGUE.values:
        codes.update(dict.fromkeys(dated.value.categories))
    return tuple(sorted(codes, key=_code_order))


def latest_name(code: str) -> str:
    """The name the most recent catalogue that has `code` gives it ("" for none)."""
    for dated in reversed(CATALOGUE.values):
        name = dated.value.name_of(code)
        if name is not None:
            return name
    return ""


def _code_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))
