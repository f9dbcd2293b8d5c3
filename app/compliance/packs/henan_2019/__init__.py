"""Pack `henan-2019` (河南省安全生产条例, in force 2019-10-01): its rules, in citation order.

Written so far: arts. 14, 16, 17, 18 (protective equipment), 23 (filing and drills), 24's
monthly statistics, 29's liability insurance, 35's leaders on site, 49's drills and 50's
rescue organisations, and art. 18 of the province's occupational-disease regulation (OD18:
workplace detection). Still to come: art. 23's half-yearly reports.
"""

from __future__ import annotations

from app.compliance.packs.henan_2019.assessment import RULES as ASSESSMENT
from app.compliance.packs.henan_2019.dangers import RULES as DANGERS
from app.compliance.packs.henan_2019.drills import RULES as DRILLS
from app.compliance.packs.henan_2019.hazard_sources import RULES as HAZARD_SOURCES
from app.compliance.packs.henan_2019.health import RULES as HEALTH
from app.compliance.packs.henan_2019.insurance import RULES as INSURANCE
from app.compliance.packs.henan_2019.params import EFFECTIVE_FROM, OD_REGULATION, REGULATION
from app.compliance.packs.henan_2019.rescue import RULES as RESCUE
from app.compliance.packs.henan_2019.shifts import RULES as SHIFTS
from app.compliance.packs.henan_2019.staffing import RULES as STAFFING
from app.compliance.packs.henan_2019.training_files import RULES as TRAINING_FILES
from app.compliance.rules import Pack, Text, citation_order

# The province's occupational-disease regulation: its art. 18 is cited as `OD18`.
OTHER_TEXTS = (("OD", OD_REGULATION),)


PACK = Pack(
    id="henan-2019",
    version="2019.1",
    title=Text("河南省安全生产条例（2019）", "Henan Province Work Safety Regulation (2019)"),
    jurisdiction="410000",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(
        sorted(
            (
                *STAFFING,
                *TRAINING_FILES,
                *ASSESSMENT,
                *HAZARD_SOURCES,
                *DRILLS,
                *DANGERS,
                *INSURANCE,
                *RESCUE,
                *SHIFTS,
                *HEALTH,
            ),
            key=citation_order(OTHER_TEXTS),
        )
    ),
    document=REGULATION,
    other_texts=OTHER_TEXTS,
)
