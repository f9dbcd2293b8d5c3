"""Pack `prc-2021`: national law — 安全生产法 as amended in 2021 (in force 2021-09-01),
职业病防治法 as amended in 2018, and with them 安全生产许可证条例 and 特种设备安全法 — for every
enterprise in China (region 100000)."""

from __future__ import annotations

from dataclasses import dataclass

from app.compliance.packs.prc_2021.dangers import RULES as DANGERS
from app.compliance.packs.prc_2021.emergency import RULES as EMERGENCY
from app.compliance.packs.prc_2021.health import RULES as HEALTH
from app.compliance.packs.prc_2021.insurance import RULES as INSURANCE
from app.compliance.packs.prc_2021.licences import RULES as LICENCES
from app.compliance.packs.prc_2021.params import (
    EFFECTIVE_FROM,
    EQUIPMENT_LAW,
    LICENCE_REGULATION,
    OD_LAW,
)
from app.compliance.packs.prc_2021.people import RULES as PEOPLE
from app.compliance.packs.prc_2021.plans import RULES as PLANS
from app.compliance.packs.prc_2021.rescue import RULES as RESCUE
from app.compliance.packs.prc_2021.special_equipment import RULES as SPECIAL_EQUIPMENT
from app.compliance.packs.prc_2021.staffing import RULES as STAFFING
from app.compliance.packs.prc_2021.training import RULES as TRAINING
from app.compliance.rules import Pack, Rule, Text

# The other texts the pack's rules cite, by the letters before their article numbers: the
# occupational-disease law (OD), the safety production licence regulation (SL) and the
# special-equipment law (SE).
OTHER_TEXTS = {"OD": OD_LAW, "SL": LICENCE_REGULATION, "SE": EQUIPMENT_LAW}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _split(number: str) -> tuple[str, str]:
    """`SE33` → (`SE`, `33`); `24` → (``, `24`)."""
    digits = number.lstrip(_LETTERS)
    return number[: len(number) - len(digits)], digits


def citation_order(rule: Rule) -> tuple[int, int, int]:
    """The work-safety law's articles first (PRC2021-24.1 before PRC2021-27.2), then each
    other text's in OTHER_TEXTS' order (PRC2021-OD16 …, PRC2021-SL2.1, PRC2021-SE14.1 …)."""
    letters, rest = _split(rule.id.split("-", 1)[1])
    text = list(OTHER_TEXTS).index(letters) + 1 if letters else 0
    article, _, item = rest.partition(".")
    return (text, int(article), int(item or 0))


@dataclass(frozen=True)
class NationalPack(Pack):
    """A pack whose rules cite more than one text: an article `OD16` is art. 16 of the
    occupational-disease law, not of the pack's `document` (decision 141)."""

    def cite(self, article: str, language: str) -> str:
        letters, number = _split(article)
        if not letters:
            return super().cite(article, language)
        document = OTHER_TEXTS[letters]
        return f"{document}, art. {number}" if language == "en" else f"{document}第{number}条"


_RULES = (
    *STAFFING,
    *PEOPLE,
    *TRAINING,
    *DANGERS,
    *INSURANCE,
    *EMERGENCY,
    *PLANS,
    *RESCUE,
    *HEALTH,
    *LICENCES,
    *SPECIAL_EQUIPMENT,
)

PACK = NationalPack(
    id="prc-2021",
    version="2021.1",
    title=Text(
        "中华人民共和国安全生产法（2021年修正）、职业病防治法（2018年修正）",
        "Work Safety Law of the PRC (2021) and Occupational Disease Law (2018)",
    ),
    jurisdiction="100000",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(sorted(_RULES, key=citation_order)),
    document="中华人民共和国安全生产法（2021年修正）",
)
