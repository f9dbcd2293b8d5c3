"""Closed lists behind the enterprise profile: industries (GB/T 4754-2017), high-risk
categories (seed art. 17, national law), and the two size classes (which are not merged)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

# GB/T 4754-2017 sections and the divisions (two-digit codes) each contains.
INDUSTRY_SECTIONS: Final[dict[str, tuple[str, range]]] = {
    "A": ("农、林、牧、渔业", range(1, 6)),
    "B": ("采矿业", range(6, 13)),
    "C": ("制造业", range(13, 44)),
    "D": ("电力、热力、燃气及水生产和供应业", range(44, 47)),
    "E": ("建筑业", range(47, 51)),
    "F": ("批发和零售业", range(51, 53)),
    "G": ("交通运输、仓储和邮政业", range(53, 61)),
    "H": ("住宿和餐饮业", range(61, 63)),
    "I": ("信息传输、软件和信息技术服务业", range(63, 66)),
    "J": ("金融业", range(66, 70)),
    "K": ("房地产业", range(70, 71)),
    "L": ("租赁和商务服务业", range(71, 73)),
    "M": ("科学研究和技术服务业", range(73, 76)),
    "N": ("水利、环境和公共设施管理业", range(76, 80)),
    "O": ("居民服务、修理和其他服务业", range(80, 83)),
    "P": ("教育", range(83, 84)),
    "Q": ("卫生和社会工作", range(84, 86)),
    "R": ("文化、体育和娱乐业", range(86, 91)),
    "S": ("公共管理、社会保障和社会组织", range(91, 97)),
    "T": ("国际组织", range(97, 98)),
}
INDUSTRY_CODE_PATTERN: Final = r"^[A-T](\d{2,4})?$"
_INDUSTRY_CODE = re.compile(INDUSTRY_CODE_PATTERN)


def industry_code_problem(code: str) -> str | None:
    """Why `code` is not a GB/T 4754-2017 code (section letter, optionally its division,
    group or class digits, e.g. `C`, `C33`, `C3311`), or None when it is one."""
    if not _INDUSTRY_CODE.match(code):
        return "expected a section letter A–T followed by 2 to 4 digits, e.g. C3311"
    digits = code[1:]
    if digits and int(digits[:2]) not in INDUSTRY_SECTIONS[code[0]][1]:
        return f"division {digits[:2]} is not in section {code[0]}"
    return None


class HighRiskCategory(StrEnum):
    """What an enterprise declares it does, among the activities some layer of law counts as
    high-risk (安全生产法 arts. 24 and 27, 河南省安全生产条例 art. 14, the seed's art. 17,
    the liability-insurance and emergency-drill lists). Which of them are high-risk for a
    given duty is each pack's parameter, never this list's."""

    CONSTRUCTION = "construction"
    # Producing (or, where nothing finer was declared, otherwise handling) hazardous chemicals.
    HAZARDOUS_CHEMICALS = "hazardous_chemicals"
    FIREWORKS = "fireworks"
    COAL_MINING = "coal_mining"
    NON_COAL_MINING = "non_coal_mining"
    METAL_SMELTING = "metal_smelting"
    ROAD_TRANSPORT = "road_transport"
    # Dangerous goods (危险物品) handled otherwise than by producing them.
    DANGEROUS_GOODS_TRADING = "dangerous_goods_trading"  # 经营
    DANGEROUS_GOODS_STORAGE = "dangerous_goods_storage"  # 储存
    DANGEROUS_GOODS_LOADING = "dangerous_goods_loading"  # 装卸
    DANGEROUS_GOODS_TRANSPORT = "dangerous_goods_transport"  # 运输
    DANGEROUS_GOODS_DISPOSAL = "dangerous_goods_disposal"  # 处置 (Henan art. 14)
    CIVIL_EXPLOSIVES = "civil_explosives"  # 民用爆炸物品
    OTHER_TRANSPORT = "other_transport"  # rail, water and air transport units (运输单位)
    URBAN_RAIL_TRANSIT = "urban_rail_transit"
    CROWDED_VENUE = "crowded_venue"  # hotels, malls, entertainment, scenic spots
    FISHING = "fishing"


class DesignatedSize(StrEnum):
    """规模以上/以下: the statistics class 'above designated size' or not."""

    ABOVE = "above"
    BELOW = "below"


class SMEClass(StrEnum):
    """The SME class (大型/中型/小型/微型企业)."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    REJECTED = "rejected"
