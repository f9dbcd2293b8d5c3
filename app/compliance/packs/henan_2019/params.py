"""The legal values of pack `henan-2019` (河南省安全生产条例, arts. 14–49) as dated
parameters with sources.

Rules read them with `facts.value(PARAMETER)`, which logs the value for the finding's trace.
A value the regulation does not give comes from the national text it defers to, or is this
pack's reading, and says so; one not confirmed from a primary text is `provisional`
(shared/domain/legal-research.md marks what was confirmed).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Final

from app.law.parameters import Dated, Parameter, Source, constant

EFFECTIVE_FROM: Final = date(2019, 10, 1)  # 第六十四条：本条例自2019年10月1日起施行

REGULATION = "河南省安全生产条例"
INSURANCE_2017 = "安全生产责任保险实施办法（安监总办〔2017〕140号）"
INSURANCE_2025 = "安全生产责任保险实施办法（应急〔2025〕27号）"
ORDER_3 = "生产经营单位安全培训规定（原国家安全监管总局令第3号，2015年修正）"
INDUSTRY_CODES = "国民经济行业分类（GB/T 4754-2017）"
# Values the regulation leaves open and no law fixes: this pack's reading of the text.
READING = "Anxin 规则包 henan-2019（对条例的解读）"


def _regulation(article: str) -> Source:
    return Source(REGULATION, article)


def _reading(article: str) -> Source:
    return Source(READING, article)


# --- Art. 14: who is high-risk ------------------------------------------------------------
# 矿山、金属冶炼、建筑施工、道路运输单位和危险物品的生产、经营、储存、废弃处置以及使用危险物品
# 的数量构成重大危险源的单位. The last group is read from the registry (a recorded major hazard
# source), not from a declared category.
HIGH_RISK_CATEGORIES: Final = constant(
    "henan-2019.high_risk.categories",
    "categories",
    "Declared categories that art. 14 para 1 (and arts. 17, 55(2)) counts as high-risk.",
    frozenset(
        {
            "coal_mining",
            "non_coal_mining",
            "metal_smelting",
            "construction",
            "road_transport",
            "hazardous_chemicals",
            "fireworks",
            "civil_explosives",
            "dangerous_goods_trading",
            "dangerous_goods_storage",
            "dangerous_goods_disposal",
        }
    ),
    EFFECTIVE_FROM,
    _regulation("第十四条第一款"),
    note="producers of dangerous goods are the hazardous-chemicals, fireworks and civil-"
    "explosives categories; loading (装卸) and transport other than by road are not in the list",
)
# Art. 14 para 3 names the same units less road transport.
ENGINEER_CATEGORIES: Final = constant(
    "henan-2019.engineers.categories",
    "categories",
    "Declared categories that must have a registered safety engineer (art. 14 para 3).",
    HIGH_RISK_CATEGORIES.values[0].value - {"road_transport"},
    EFFECTIVE_FROM,
    _regulation("第十四条第三款"),
)
# GB/T 4754-2017 code prefixes → category; the longest matching prefix wins.
HIGH_RISK_CODES: Final = constant(
    "henan-2019.high_risk.industry_codes",
    "GB/T 4754 codes",
    "Industry codes confirmed to fall in an art. 14 category.",
    {
        "E47": "construction",
        "E48": "construction",
        "E49": "construction",
        "E50": "construction",
        "C2672": "fireworks",
        "F5265": "dangerous_goods_trading",  # fuel stations
        "F5266": "dangerous_goods_trading",  # gas stations
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "E47–E50, C2672, F5265, F5266"),
)
HIGH_RISK_CODES_PROVISIONAL: Final = constant(
    "henan-2019.high_risk.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as in an art. 14 category where the mapping is not confirmed.",
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
        "C2671": "civil_explosives",
        "C31": "metal_smelting",
        "C32": "metal_smelting",
        "G54": "road_transport",
        "G594": "dangerous_goods_storage",
        "N7724": "dangerous_goods_disposal",
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "B06–B12, C25–C26, C31–C32, G54, G594, N7724"),
    provisional=True,
    note="division-level mapping not confirmed (G54 includes urban public transport); a "
    "regulator or the enterprise can declare the category",
)

# --- Art. 14: staffing --------------------------------------------------------------------
HIGH_RISK_STAFFING_THRESHOLD: Final = constant(
    "henan-2019.staffing.high_risk_threshold",
    "employees",
    "From this many employees (五十人以上: 50 included) a high-risk unit needs a body with "
    "relatively independent functions or full-time officers in proportion.",
    50,
    EFFECTIVE_FROM,
    _regulation("第十四条第一款（从业人员在五十人以上）"),
)
FULL_TIME_RATIO: Final = constant(
    "henan-2019.staffing.full_time_ratio",
    "share of employees",
    "Full-time officers of a high-risk unit of 50 or more, as a share of its employees "
    "(不低于: rounded up to whole people).",
    Decimal("0.02"),
    EFFECTIVE_FROM,
    _regulation("第十四条第一款（不低于从业人员百分之二）"),
)
SMALL_HIGH_RISK_FULL_TIME: Final = constant(
    "henan-2019.staffing.small_high_risk_full_time",
    "people",
    "Full-time officers of a high-risk unit of fewer than 50 (应当配备专职安全生产管理人员).",
    1,
    EFFECTIVE_FROM,
    _regulation("第十四条第一款（从业人员不满五十人的）"),
)
OTHERS_THRESHOLD: Final = constant(
    "henan-2019.staffing.others_threshold",
    "employees",
    "Above this many employees (超过一百人) another unit needs a body or full-time officers.",
    100,
    EFFECTIVE_FROM,
    _regulation("第十四条第二款"),
)
OTHERS_FULL_TIME: Final = constant(
    "henan-2019.staffing.others_full_time",
    "people",
    "Full-time officers another unit of over 100 needs, with or without a body "
    "(专职安全生产管理人员不得少于二人).",
    2,
    EFFECTIVE_FROM,
    _regulation("第十四条第二款"),
    note="read as binding even where a body is set up: the stricter reading (decision 110)",
)

# --- Art. 14 para 3: registered engineers ---------------------------------------------------
ENGINEER_LEVELS: Final = constant(
    "henan-2019.engineers.levels",
    "levels",
    "Registration levels that count as a registered safety engineer for art. 14 para 3.",
    frozenset({"intermediate", "senior"}),
    EFFECTIVE_FROM,
    _reading("第十四条第三款；注册安全工程师分类管理办法第四条"),
    provisional=True,
    note="the regulation names no level; an assistant (初级) registration is read as not "
    "counting, as in the district pack",
)

# --- Art. 17: assessment ------------------------------------------------------------------
ASSESSMENT_VALIDITY_YEARS: Final = constant(
    "henan-2019.assessment.validity_years",
    "years",
    "Validity of an assessment certificate that records no expiry.",
    3,
    EFFECTIVE_FROM,
    Source("安全生产知识和管理能力考核合格证（地方实践）", ""),
    provisional=True,
    note="provincial practice seen on one city's page; no national rule found",
)
ASSESSMENT_GRACE_MONTHS: Final = constant(
    "henan-2019.assessment.grace_months",
    "months",
    "Months after taking the post within which the principal and safety officers of the "
    "sectors below must pass (the regulation sets no timing; the national rule does).",
    6,
    EFFECTIVE_FROM,
    Source(ORDER_3, "第二十四条"),
    provisional=True,
    note="order 3's text not seen; quoted by secondary pages",
)
ASSESSMENT_GRACE_CATEGORIES: Final = constant(
    "henan-2019.assessment.grace_categories",
    "categories",
    "Sectors whose principal and safety officers have the grace period after taking the post; "
    "in the others the certificate is due on the day they take it.",
    frozenset(
        {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metal_smelting"}
    ),
    EFFECTIVE_FROM,
    Source(ORDER_3, "第二十四条"),
    provisional=True,
    note="order 3's text not seen; quoted by secondary pages",
)


# --- Art. 16 para 4: training files -------------------------------------------------------
TRAINING_FILES_LOOK_BACK_MONTHS: Final = constant(
    "henan-2019.training_files.look_back",
    "months",
    "Training sessions held in this many months before the date are the ones whose files "
    "are judged (older files are history, not today's standing).",
    12,
    EFFECTIVE_FROM,
    _reading("第十六条第四款"),
    provisional=True,
    note="the regulation sets no period; 12 months is this pack's reading, as the other "
    "packs' look-backs",
)

# --- Art. 24 para 4: monthly hidden-danger statistics ---------------------------------------
STATISTICS_DUE_MONTHS: Final = constant(
    "henan-2019.hidden_danger_statistics.due_months",
    "months after the month",
    "A month's hidden-danger statistics are due by the last day of this many months after it "
    "(1: the end of the next month).",
    1,
    EFFECTIVE_FROM,
    _reading("第二十四条第四款"),
    provisional=True,
    note="the regulation says 每月 and sets no due day: the end of the next month is a house rule",
)

STATISTICS_LOOK_BACK_MONTHS: Final = constant(
    "henan-2019.hidden_danger_statistics.look_back",
    "months",
    "The months that began in this many months before the date are the ones asked for "
    "(older months are history, not today's standing).",
    12,
    EFFECTIVE_FROM,
    _reading("第二十四条第四款"),
    provisional=True,
    note="the regulation sets no period; 12 months is this pack's reading, as the other "
    "packs' look-backs (decision 115)",
)

# --- Art. 29 para 2: work-safety liability insurance ----------------------------------------
LIABILITY_INSURANCE_CATEGORIES: Final = constant(
    "henan-2019.liability_insurance.categories",
    "categories",
    "Declared categories whose units must carry work-safety liability insurance (矿山、道路运输、"
    "危险化学品、建筑施工、民用爆炸物品、金属冶炼、渔业生产; no fireworks in the province's list).",
    frozenset(
        {
            "coal_mining",
            "non_coal_mining",
            "road_transport",
            "hazardous_chemicals",
            "construction",
            "civil_explosives",
            "metal_smelting",
            "fishing",
        }
    ),
    EFFECTIVE_FROM,
    _regulation("第二十九条第二款"),
    note="危险化学品 is read as the hazardous-chemicals category only: dangerous-goods traders, "
    "stores and disposers are not named (decision 115)",
)
LIABILITY_MINIMUM_COVER: Final = Parameter(
    "henan-2019.liability_insurance.minimum_cover",
    "yuan per person",
    "The least insured amount per person for death or disability under a work-safety "
    "liability policy (the province defers to the state's rules: 根据国家规定).",
    (
        Dated(
            300_000,
            EFFECTIVE_FROM,
            Source(INSURANCE_2017, ""),
            provisional=True,
            note="from secondary sources; the measures' text not seen (in force before the "
            "pack's start: dated from it)",
        ),
        Dated(
            400_000,
            date(2025, 4, 2),
            Source(INSURANCE_2025, ""),
            provisional=True,
            note="dated 2025-03-29, published 2025-04-02 (taken as its start), replacing the "
            "2017 measures; from secondary sources, text not seen",
        ),
    ),
)

# --- Arts. 23 and 49: drills --------------------------------------------------------------
PLAN_DRILL_MONTHS: Final = constant(
    "henan-2019.drills.plan_months",
    "months",
    "A comprehensive or special-plan drill at least this often (每年至少组织一次).",
    12,
    EFFECTIVE_FROM,
    _regulation("第四十九条第（六）项"),
    note="read as a rolling interval: the next drill is due 12 months after the last",
)
ON_SITE_DRILL_MONTHS: Final = constant(
    "henan-2019.drills.on_site_months",
    "months",
    "An on-site-procedure drill at least this often (每半年至少组织一次现场处置方案演练).",
    6,
    EFFECTIVE_FROM,
    _regulation("第四十九条第（六）项"),
    note="read as a rolling interval: the next drill is due 6 months after the last",
)
HAZARD_SOURCE_DRILL_MONTHS: Final = constant(
    "henan-2019.drills.hazard_source_months",
    "months",
    "A unit with a major hazard source drills its emergency plans at least this often "
    "(每半年至少组织一次演练).",
    6,
    EFFECTIVE_FROM,
    _regulation("第二十三条第一款第（四）项"),
    note="any drill of the unit's plans counts: the registry does not tie a plan to a source "
    "(decision 116)",
)

# --- Art. 35: leaders on site -----------------------------------------------------------------
# 矿山、金属冶炼、建筑施工以及危险物品的生产、经营、储存单位: art. 14's list less road transport,
# disposal of dangerous goods and the units that only use them in major-hazard quantities.
ON_SITE_SHIFT_CATEGORIES: Final = constant(
    "henan-2019.on_site_shifts.categories",
    "categories",
    "Declared categories whose leaders must take shifts on site (art. 35 para 1).",
    HIGH_RISK_CATEGORIES.values[0].value - {"road_transport", "dangerous_goods_disposal"},
    EFFECTIVE_FROM,
    _regulation("第三十五条第一款"),
    note="producers of dangerous goods are the hazardous-chemicals, fireworks and civil-"
    "explosives categories; a unit that only uses dangerous goods (a recorded major hazard "
    "source) is not named by art. 35 (decision 124)",
)
ON_SITE_SHIFTS_PER_MONTH: Final = constant(
    "henan-2019.on_site_shifts.per_month",
    "shifts per month",
    "On-site shifts (现场带班) the unit's leaders take in each month, at least, together.",
    1,
    EFFECTIVE_FROM,
    _reading("第三十五条第一款"),
    provisional=True,
    note="house rule: art. 35 says 有关负责人应当现场带班 and sets no frequency; once a month "
    "as the district pack's art. 16 (decision 124)",
)
ON_SITE_SHIFTS_LOOK_BACK_MONTHS: Final = constant(
    "henan-2019.on_site_shifts.look_back",
    "months",
    "The months that began in this many months before the date are the ones judged (older "
    "months are history, not today's standing).",
    12,
    EFFECTIVE_FROM,
    _reading("第三十五条第一款"),
    provisional=True,
    note="the regulation sets no period; 12 months is this pack's reading, as its other "
    "monthly look-backs",
)


# --- Art. 50: rescue organisations or designated rescuers -------------------------------------
# 矿山、金属冶炼、建筑施工、道路运输单位、人员密集场所和危险物品的生产、经营、储存、废弃处置以及
# 使用危险物品的数量构成重大危险源的单位: art. 14's list and crowded venues (the last group is
# read from a recorded major hazard source, as in art. 14, decision 111).
RESCUE_CATEGORIES: Final = constant(
    "henan-2019.rescue.categories",
    "categories",
    "Declared categories that must set up a rescue organisation (art. 50 para 1).",
    HIGH_RISK_CATEGORIES.values[0].value | {"crowded_venue"},
    EFFECTIVE_FROM,
    _regulation("第五十条第一款"),
    note="as art. 14's list (loading and transport other than by road not named) plus "
    "crowded venues (人员密集场所)",
)
RESCUE_CODES_PROVISIONAL: Final = constant(
    "henan-2019.rescue.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as crowded venues (art. 50 para 1), beside art. 14's tables.",
    {
        "H61": "crowded_venue",  # 住宿业 (hotels)
        "F5211": "crowded_venue",  # 百货零售 (malls)
        "R90": "crowded_venue",  # 娱乐业
        "N786": "crowded_venue",  # 游览景区管理
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "H61, F5211, R90, N786"),
    provisional=True,
    note="the regulation names no venues: the national regulation's examples (宾馆、商场、"
    "娱乐场所、旅游景区, 应急条例 art. 10) mapped to classes, this pack's reading",
)
RESCUE_DESIGNATION_THRESHOLD: Final = constant(
    "henan-2019.rescue.designation_threshold",
    "employees",
    "Units with fewer employees than this may designate full- or part-time rescuers "
    "instead of setting up a rescue organisation (从业人员不满一百人).",
    100,
    EFFECTIVE_FROM,
    _regulation("第五十条第一款"),
)


# --- 河南省职业病防治条例 art. 18: workplace monitoring, "根据国家规定" ---------------------
OD_REGULATION = "河南省职业病防治条例（2010年修正）"
ORDER_5 = "工作场所职业卫生管理规定（国家卫生健康委员会令第5号）"
ORDER_47 = "工作场所职业卫生监督管理规定（原国家安全监管总局令第47号）"
_ORDERS_NOTE = (
    "the province's regulation defers to the state (根据国家规定…定期进行检测); the orders' "
    "texts are not in shared/law: the figure is rules.md's, as secondary pages quote them "
    "(decision 136)"
)
MONITORING_DETECTION_MONTHS: Final = Parameter(
    "henan-2019.health.detection_months",
    "months",
    "A workplace hazard detection (职业危害因素检测) at least this often.",
    (
        Dated(12, EFFECTIVE_FROM, Source(ORDER_47, "第二十条（每年至少一次）"), True, _ORDERS_NOTE),
        Dated(
            12, date(2021, 2, 1), Source(ORDER_5, "第二十条（每年至少一次）"), True, _ORDERS_NOTE
        ),
    ),
)
MONITORING_EVALUATION_MONTHS: Final = Parameter(
    "henan-2019.health.evaluation_months",
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


def latest(parameter: Parameter[Any]) -> Any:
    """The newest value, for static texts (applicability, remediation) that quote a figure."""
    return parameter.values[-1].value
