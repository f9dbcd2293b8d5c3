"""Pack `henan-2019` (河南省安全生产条例, in force 2019-10-01): its rules, in citation order.

Written so far: arts. 14, 17 and 23's filing. Still to come, with the record kinds they need
(being built): art. 16's training place, art. 23's drills and half-yearly reports, art. 24's
monthly statistics, art. 29's liability insurance and art. 49's drills.
"""

from __future__ import annotations

from app.compliance.packs.henan_2019.assessment import RULES as ASSESSMENT
from app.compliance.packs.henan_2019.hazard_sources import RULES as HAZARD_SOURCES
from app.compliance.packs.henan_2019.params import EFFECTIVE_FROM, REGULATION
from app.compliance.packs.henan_2019.staffing import RULES as STAFFING
from app.compliance.rules import Pack, Rule, Text


def citation_order(rule: Rule) -> tuple[int, ...]:
    """Rules are listed in the order of the articles: HN2019-14.1 before HN2019-17.1."""
    return tuple(int(part) for part in rule.id.split("-", 1)[1].split("."))


PACK = Pack(
    id="henan-2019",
    version="2019.1",
    title=Text("河南省安全生产条例（2019）", "Henan Province Work Safety Regulation (2019)"),
    jurisdiction="410000",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(sorted((*STAFFING, *ASSESSMENT, *HAZARD_SOURCES), key=citation_order)),
    document=REGULATION,
)
