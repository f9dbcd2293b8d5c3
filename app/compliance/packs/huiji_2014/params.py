"""The legal values of pack `huiji-2014` (arts. 5 and 17–24) as dated parameters with sources.

Rules read them with `facts.value(PARAMETER)`, which logs the value for the finding's trace.
A value the seed does not give comes from the national text it defers to ("按规定"), or is
this pack's reading or house rule, and says so; one not confirmed from a primary text is
`provisional` (shared/domain/legal-research.md marks what was confirmed).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from app.compliance.packs import look_back
from app.compliance.packs.huiji_2014.sectors import SECTOR_KEYS
from app.law.parameters import Dated, Parameter, Source, constant
from app.registry.catalog import TrainingKind

if TYPE_CHECKING:
    from app.compliance.facts import Facts

EFFECTIVE_FROM: Final = date(2014, 6, 17)  # the pack's own start (the seed's date)

SEED = "惠政文〔2014〕53号"
ORDER_3 = "生产经营单位安全培训规定（原国家安全监管总局令第3号，2015年修正）"
DECISION_2012 = "国务院安委会关于进一步加强安全培训工作的决定（安委〔2012〕10号）"
# Values the seed leaves open and no law fixes: this pack's reading of the seed.
READING = "Anxin 规则包 huiji-2014（对文件的解读）"
HOUSE_RULE = "Anxin 规则包 huiji-2014（内部规则，文件未规定）"


def _seed(article: str) -> Source:
    return Source(SEED, article)


def _order_3(article: str) -> Source:
    return Source(ORDER_3, article)


def _reading(article: str) -> Source:
    return Source(READING, article)


# The 2012 decision's hours are known only as secondary pages quote them.
_DECISION_2012_NOTE = "quoted by secondary pages; the decision's text not seen"


# --- Looking back ----------------------------------------------------------------------
LOOK_BACK_MONTHS: Final = constant(
    "huiji-2014.look_back",
    "months",
    "The last 12 months judged by 5.1 and 22.4 (calendar months: a 29 February counts).",
    12,
    EFFECTIVE_FROM,
    _reading("“近12个月”"),
)

# --- Art. 5: major hidden dangers ---------------------------------------------------------
MAJOR_REPORT_DAYS: Final = constant(
    "huiji-2014.dangers.major_report_days",
    "days",
    "A major hidden danger is reported to the regulator within this many days of being found.",
    7,
    EFFECTIVE_FROM,
    _seed("第五条（每周报告）"),
    note="the seed's weekly report read as 7 days",
)

# --- Art. 17: staffing ------------------------------------------------------------------
STAFFING_THRESHOLD: Final = constant(
    "huiji-2014.staffing.threshold",
    "employees",
    "Above this many employees the first branch of art. 17 applies (national law: 100).",
    300,
    EFFECTIVE_FROM,
    _seed("第十七条"),
)
FULL_TIME_OFFICERS_REQUIRED: Final = constant(
    "huiji-2014.staffing.full_time_officers",
    "people",
    "Full-time safety officers the first branch of art. 17 requires.",
    2,
    EFFECTIVE_FROM,
    _seed("第十七条"),
)
ENGINEER_REQUIRED: Final[Parameter[bool]] = Parameter(
    "huiji-2014.staffing.engineer_required",
    "yes/no",
    "High-risk enterprises must have a registered safety engineer among full-time officers.",
    (
        Dated(False, EFFECTIVE_FROM, _seed("第十七条")),
        Dated(True, date(2016, 1, 1), _seed("第十七条（2015年底前）")),
    ),
)
# 注册安全工程师分类管理办法 (2017) art. 4 created the levels; the seed says only 注册安全工程师.
ENGINEER_LEVELS: Final = constant(
    "huiji-2014.staffing.engineer_levels",
    "levels",
    "Registration levels that count as a registered safety engineer for 17.2.",
    frozenset({"intermediate", "senior"}),
    EFFECTIVE_FROM,
    _reading("第十七条；注册安全工程师分类管理办法第四条"),
    note="the seed predates the levels; an assistant (助理) registration is read as not counting",
)

# --- Art. 17: high-risk enterprises ---------------------------------------------------------
HIGH_RISK_CATEGORIES: Final = constant(
    "huiji-2014.high_risk.categories",
    "categories",
    "Declared categories that make an enterprise high-risk (the seed's list ends in 等).",
    frozenset(
        {
            "construction",
            "hazardous_chemicals",
            "fireworks",
            "coal_mining",
            "non_coal_mining",
            "metal_smelting",
            "road_transport",
            "dangerous_goods_trading",
            "dangerous_goods_storage",
            "civil_explosives",
        }
    ),
    EFFECTIVE_FROM,
    _seed("第十七条（建筑施工、危险化学品、烟花爆竹等）"),
    note="the 等 read as the 2014 Work Safety Law's art. 21 list: mines, metal smelting, road "
    "transport and units producing, trading or storing dangerous goods",
)
# GB/T 4754-2017 code prefixes → category; the longest matching prefix wins.
HIGH_RISK_CODES: Final = constant(
    "huiji-2014.high_risk.industry_codes",
    "GB/T 4754 codes",
    "Industry codes confirmed to fall in a high-risk category.",
    {
        "E47": "construction",
        "E48": "construction",
        "E49": "construction",
        "E50": "construction",
        "C2672": "fireworks",
        "F5265": "hazardous_chemicals",  # fuel stations
        "F5266": "hazardous_chemicals",  # gas stations
    },
    EFFECTIVE_FROM,
    Source("国民经济行业分类（GB/T 4754-2017）", "E47–E50, C2672, F5265, F5266"),
)
HIGH_RISK_CODES_PROVISIONAL: Final = constant(
    "huiji-2014.high_risk.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as high-risk where the mapping is not confirmed.",
    {
        "B06": "coal_mining",
        "B07": "non_coal_mining",
        "B08": "non_coal_mining",
        "B09": "non_coal_mining",
        "B10": "non_coal_mining",
        "B11": "non_coal_mining",
        "B12": "non_coal_mining",
        "C25": "hazardous_chemicals",
        "C26": "hazardous_chemicals",
        "C2671": "hazardous_chemicals",  # explosives
        "C31": "metal_smelting",
        "C32": "metal_smelting",
        "G54": "road_transport",
    },
    EFFECTIVE_FROM,
    Source("国民经济行业分类（GB/T 4754-2017）", "B06–B12, C25–C26, C31–C32, G54"),
    provisional=True,
    note="division-level mapping not confirmed; a regulator or the enterprise can declare",
)

# --- Arts. 18 and 24: training --------------------------------------------------------------
TRAINING_HIGH_RISK: Final = constant(
    "huiji-2014.training.high_risk",
    "categories",
    "Sectors with the higher training hours.",
    frozenset(
        {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metal_smelting"}
    ),
    EFFECTIVE_FROM,
    _order_3(""),
)
NEW_HIRE_HOURS: Final = constant(
    "huiji-2014.training.new_hire_hours",
    "class hours",
    "Pre-job training of a new hire.",
    Decimal(24),
    EFFECTIVE_FROM,
    _order_3("第十三条"),
)
NEW_HIRE_HOURS_HIGH_RISK: Final = constant(
    "huiji-2014.training.new_hire_hours_high_risk",
    "class hours",
    "Pre-job training of a new hire in a training high-risk sector.",
    Decimal(72),
    EFFECTIVE_FROM,
    _order_3("第十三条"),
)
NEW_HIRE_HOURS_CONSTRUCTION: Final = constant(
    "huiji-2014.training.new_hire_hours_construction",
    "class hours",
    "Pre-job training of a new construction worker.",
    Decimal(32),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
RETURN_AFTER_DAYS: Final = constant(
    "huiji-2014.training.return_after_days",
    "days",
    "An absence after which a return needs renewed workshop and team training.",
    365,
    EFFECTIVE_FROM,
    _order_3("第十七条（一年以上）"),
)
MANAGER_INITIAL_HOURS: Final = constant(
    "huiji-2014.training.manager_initial_hours",
    "class hours",
    "Initial training of the principal and safety officers.",
    Decimal(32),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_INITIAL_HOURS_HIGH_RISK: Final = constant(
    "huiji-2014.training.manager_initial_hours_high_risk",
    "class hours",
    "Initial training of the principal and safety officers in a training high-risk sector.",
    Decimal(48),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_ANNUAL_HOURS: Final = constant(
    "huiji-2014.training.manager_annual_hours",
    "class hours",
    "Yearly re-training of the principal and safety officers.",
    Decimal(12),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_ANNUAL_HOURS_HIGH_RISK: Final = constant(
    "huiji-2014.training.manager_annual_hours_high_risk",
    "class hours",
    "Yearly re-training of the principal and safety officers in a training high-risk sector.",
    Decimal(16),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
ANNUAL_HOURS: Final = constant(
    "huiji-2014.training.annual_hours",
    "class hours",
    "Everyone's training in each calendar year (art. 24: at least once a year).",
    Decimal(8),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
ANNUAL_HOURS_HIGH_RISK: Final = constant(
    "huiji-2014.training.annual_hours_high_risk",
    "class hours",
    "Everyone's yearly training in training high-risk sectors and in construction.",
    Decimal(20),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
THREE_LEVELS: Final = frozenset(
    {TrainingKind.COMPANY_LEVEL, TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL}
)
RENEWED_LEVELS: Final = frozenset({TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL})

# --- Art. 18: assessments ---------------------------------------------------------------------
ASSESSMENT_VALIDITY_YEARS: Final = constant(
    "huiji-2014.assessment.validity_years",
    "years",
    "Validity of an assessment certificate that records no expiry.",
    3,
    EFFECTIVE_FROM,
    Source("安全生产知识和管理能力考核合格证（地方实践）", ""),
    provisional=True,
    note="provincial practice seen on one city's page; no national rule found",
)

# --- Art. 19: standardization ---------------------------------------------------------
# "By the end of year Y" is read as "from 1 January of Y+1".
STANDARDIZATION_DEADLINES: Final = constant(
    "huiji-2014.standardization.deadlines",
    "date by clause",
    "From when each clause of art. 19 requires a standardization certificate.",
    {
        "hazardous": date(2015, 1, 1),
        "named_above_size": date(2016, 1, 1),
        "below_size": date(2017, 1, 1),
    },
    EFFECTIVE_FROM,
    _seed("第十九条（2014年底、2015年底、2016年底前）"),
)
STANDARDIZATION_SECTOR_CODES: Final = constant(
    "huiji-2014.standardization.sector_codes",
    "GB/T 4754 codes",
    "Which art. 19 sector an industry code falls in (code prefix → sector).",
    dict(SECTOR_KEYS),
    EFFECTIVE_FROM,
    Source("国民经济行业分类（GB/T 4754-2017）", ""),
    provisional=True,
    note="the seed names sectors, not codes; the division-level mapping is this pack's reading",
)

# --- Art. 20: hidden dangers --------------------------------------------------------------
VERIFICATION_DAYS: Final = constant(
    "huiji-2014.dangers.verification_days",
    "days",
    "A fixed hidden danger is verified within this many days.",
    30,
    EFFECTIVE_FROM,
    Source(HOUSE_RULE, "第二十条（整改验收）"),
)
INSPECTION_PERIOD_MONTHS: Final = constant(
    "huiji-2014.dangers.inspection_period_months",
    "months",
    "A hidden-danger inspection is recorded in every period of this many calendar months "
    "(1: every month; periods begin in January, e.g. 3: every quarter). House rule: the seed "
    "says only 经常性地 (regularly).",
    1,
    EFFECTIVE_FROM,
    Source(HOUSE_RULE, "第二十条（经常性地开展安全隐患排查）"),
    note="monthly, as Henan's regulation (art. 24 para 4) asks for monthly statistics of the "
    "inspections and their remediation",
)

# --- Arts. 21 and 23: periodic duties -----------------------------------------------------
COMMITMENT_DUE: Final = constant(
    "huiji-2014.commitment.due_month_day",
    "month-day",
    "The yearly safety commitment is signed and published by this day (advisory).",
    (1, 31),
    EFFECTIVE_FROM,
    Source(HOUSE_RULE, "第二十一条（推行安全承诺）"),
)
ANALYSIS_MONTHS_CHECKED: Final = constant(
    "huiji-2014.analysis.months_checked",
    "months",
    "How many of the latest due months 23.1 checks.",
    3,
    EFFECTIVE_FROM,
    _reading("第二十三条"),
)

# --- Art. 22: occupational health (the GBZ 188 intervals are in gbz188.py) ------------------
EXIT_EXAM_SUBSTITUTE_DAYS: Final = constant(
    "huiji-2014.health.exit_exam_substitute_days",
    "days",
    "A periodic exam this close before leaving stands for the exit exam.",
    90,
    EFFECTIVE_FROM,
    _reading("第二十二条（离岗时职业健康检查）"),
    provisional=True,
    note="whether and how close a periodic exam stands for the exit exam is not confirmed",
)

# --- Art. 16: leaders on site ----------------------------------------------------------------
SHIFTS_PER_MONTH: Final = constant(
    "huiji-2014.on_site_shifts.per_month",
    "shifts per leader per month",
    "On-site shifts (带班) each leader in post through a month takes in it, at least.",
    1,
    EFFECTIVE_FROM,
    Source(HOUSE_RULE, "第十六条（轮流现场带班）"),
    note="house rule: the seed asks the principal and the leadership to take turns on site "
    "(轮流现场带班) and sets no frequency (decision 123)",
)
SHIFTS_LOOK_BACK_MONTHS: Final = constant(
    "huiji-2014.on_site_shifts.look_back",
    "months",
    "The months that began in this many months before the date are the ones 16.1 judges "
    "(older months are history, not today's standing).",
    12,
    EFFECTIVE_FROM,
    Source(HOUSE_RULE, "第十六条"),
    note="house rule, as the other packs' monthly look-backs (decision 123)",
)


# --- Art. 22: workplace monitoring (NHC order 5 art. 20; SAWS order 47 art. 20 before it) ---
ORDER_47 = "工作场所职业卫生监督管理规定（原国家安全监管总局令第47号）"
ORDER_5 = "工作场所职业卫生管理规定（国家卫生健康委员会令第5号）"
_ORDERS_NOTE = (
    "the orders' texts are not in shared/law: the figure is rules.md's, as secondary pages "
    "quote the orders (order 5 asks units whose hazard is not serious for a detection only "
    "every 3 years; this pack asks every unit yearly, decision 136)"
)
MONITORING_DETECTION_MONTHS: Final = Parameter(
    "huiji-2014.health.detection_months",
    "months",
    "A workplace hazard detection (职业病危害因素检测) at least this often.",
    (
        Dated(12, EFFECTIVE_FROM, Source(ORDER_47, "第二十条（每年至少一次）"), True, _ORDERS_NOTE),
        Dated(
            12, date(2021, 2, 1), Source(ORDER_5, "第二十条（每年至少一次）"), True, _ORDERS_NOTE
        ),
    ),
)
MONITORING_EVALUATION_MONTHS: Final = Parameter(
    "huiji-2014.health.evaluation_months",
    "months",
    "Where the hazard is serious, a current-status evaluation (现状评价) at least this often.",
    (
        Dated(
            36, EFFECTIVE_FROM, Source(ORDER_47, "第二十条（每三年至少一次）"), True, _ORDERS_NOTE
        ),
        Dated(
            36, date(2021, 2, 1), Source(ORDER_5, "第二十条（每三年至少一次）"), True, _ORDERS_NOTE
        ),
    ),
)


def look_back_start(facts: Facts) -> date:
    """The last day before the look-back: records dated after it are inside."""
    return look_back.look_back_start(facts, LOOK_BACK_MONTHS)


def leaves_look_back(facts: Facts, day: date) -> date:
    """The first as-of date on which a record dated `day` is outside the look-back."""
    return look_back.leaves_look_back(facts, LOOK_BACK_MONTHS, day)


def latest(parameter: Parameter[Any]) -> Any:
    """The newest value, for static texts (applicability, remediation) that quote a figure."""
    return parameter.values[-1].value
