"""Pack `prc-2021`: national law — 安全生产法 as amended in 2021 (in force 2021-09-01) and
职业病防治法 as amended in 2018 — for every enterprise in China (region 100000)."""

from __future__ import annotations

from app.compliance.packs.prc_2021.dangers import RULES as DANGERS
from app.compliance.packs.prc_2021.emergency import RULES as EMERGENCY
from app.compliance.packs.prc_2021.health import RULES as HEALTH
from app.compliance.packs.prc_2021.insurance import RULES as INSURANCE
from app.compliance.packs.prc_2021.params import EFFECTIVE_FROM
from app.compliance.packs.prc_2021.people import RULES as PEOPLE
from app.compliance.packs.prc_2021.plans import RULES as PLANS
from app.compliance.packs.prc_2021.rescue import RULES as RESCUE
from app.compliance.packs.prc_2021.staffing import RULES as STAFFING
from app.compliance.packs.prc_2021.training import RULES as TRAINING
from app.compliance.rules import Pack, Rule, Text


def citation_order(rule: Rule) -> tuple[int, int, int]:
    """The work-safety law's articles first (PRC2021-24.1 before PRC2021-27.2), then the
    occupational-disease law's (PRC2021-OD16 …)."""
    number = rule.id.split("-", 1)[1]
    other_law = number.startswith("OD")
    article, _, item = number.removeprefix("OD").partition(".")
    return (int(other_law), int(article), int(item or 0))


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
    rules=tuple(sorted(_RULES, key=citation_order)),
    document="中华人民共和国安全生产法（2021年修正）",
)
