"""Pack `huiji-2014` (惠政文〔2014〕53号): every article's rules, in citation order."""

from __future__ import annotations

from app.compliance.packs.huiji_2014.dangers import RULES as DANGERS
from app.compliance.packs.huiji_2014.duties import RULES as DUTIES
from app.compliance.packs.huiji_2014.health import RULES as HEALTH
from app.compliance.packs.huiji_2014.health_exams import RULES as HEALTH_EXAMS
from app.compliance.packs.huiji_2014.params import EFFECTIVE_FROM, SEED
from app.compliance.packs.huiji_2014.people import RULES as PEOPLE
from app.compliance.packs.huiji_2014.shifts import RULES as SHIFTS
from app.compliance.packs.huiji_2014.staffing import RULES as STAFFING
from app.compliance.packs.huiji_2014.standardization import RULES as STANDARDIZATION
from app.compliance.packs.huiji_2014.training import RULES as TRAINING
from app.compliance.packs.huiji_2014.training_managers import RULES as TRAINING_MANAGERS
from app.compliance.packs.huiji_2014.uncertified import RULES as UNCERTIFIED
from app.compliance.rules import Pack, Text, citation_order

_RULES = (
    *DANGERS,
    *STAFFING,
    *PEOPLE,
    *TRAINING,
    *TRAINING_MANAGERS,
    *STANDARDIZATION,
    *DUTIES,
    *HEALTH,
    *HEALTH_EXAMS,
    *SHIFTS,
    *UNCERTIFIED,
)

PACK = Pack(
    id="huiji-2014",
    version="2014.1",
    title=Text(
        "惠济区安全生产工作意见（惠政文〔2014〕53号）", "Huiji District work-safety opinions (2014)"
    ),
    jurisdiction="410108",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(sorted(_RULES, key=citation_order(()))),  # the seed's article order
    document=SEED,
)
