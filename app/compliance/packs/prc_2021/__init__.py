"""Pack `prc-2021`: national law — 安全生产法 as amended in 2021 (in force 2021-09-01),
职业病防治法 as amended in 2018, and with them 安全生产许可证条例 and 特种设备安全法 — for every
enterprise in China (region 100000)."""

from __future__ import annotations

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
from app.compliance.rules import Pack, Text, citation_order

# The other texts the pack's rules cite, by the letters before their article numbers: the
# occupational-disease law (OD), the safety production licence regulation (SL) and the
# special-equipment law (SE).
OTHER_TEXTS = (("OD", OD_LAW), ("SL", LICENCE_REGULATION), ("SE", EQUIPMENT_LAW))


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

PACK = Pack(
    id="prc-2021",
    version="2021.1",
    title=Text(
        "中华人民共和国安全生产法（2021年修正）、职业病防治法（2018年修正）",
        "Work Safety Law of the PRC (2021) and Occupational Disease Law (2018)",
    ),
    jurisdiction="100000",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(sorted(_RULES, key=citation_order(OTHER_TEXTS))),
    document="中华人民共和国安全生产法（2021年修正）",
    other_texts=OTHER_TEXTS,
)
