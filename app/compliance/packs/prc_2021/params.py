"""The legal values of pack `prc-2021` (安全生产法 2021 arts. 24–41, 职业病防治法 2018 arts. 16,
20 and 35) as dated parameters with their sources.

The law sets the duties; most figures come from the rules it defers to ("按照国家有关规定"):
the training hours of SAWS order 3 and of 安委〔2012〕10号, the GBZ 188 intervals
(app/compliance/packs/gbz188.py), the special-operation periods (app/law/special_operations.py).
A value not confirmed from a primary text in shared/law/ is `provisional` with a note
(shared/domain/legal-research.md marks what was confirmed).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Final

from app.law.parameters import Dated, Parameter, Source, constant
from app.registry.catalog import TrainingKind

EFFECTIVE_FROM: Final = date(2021, 9, 1)  # the 2021 amendment in force

LAW = "中华人民共和国安全生产法（2021年修正）"
OD_LAW = "中华人民共和国职业病防治法（2018年修正）"
ORDER_3 = "生产经营单位安全培训规定（原国家安全监管总局令第3号，2015年修正）"
DECISION_2012 = "国务院安委会关于进一步加强安全培训工作的决定（安委〔2012〕10号）"
ENGINEER_MEASURES = "注册安全工程师分类管理办法（安监总人事〔2017〕118号）"
GBZ188 = "GBZ 188-2014 职业健康监护技术规范"
INDUSTRY_CODES = "国民经济行业分类（GB/T 4754-2017）"
# Values the law leaves open and no rule seen fixes: this pack's reading of the law.
READING = "Anxin 规则包 prc-2021（对法律的解读）"

_DECISION_2012_NOTE = "quoted by secondary pages; the decision's text not seen"


def _law(article: str) -> Source:
    return Source(LAW, article)


def _order_3(article: str) -> Source:
    return Source(ORDER_3, article)


def _reading(article: str) -> Source:
    return Source(READING, article)


# --- Art. 24: the high-risk units ------------------------------------------------------------
# The categories an enterprise can declare (app/enterprises/catalog.py) that art. 24 names:
# mines, metal smelting, construction, transport units, and units producing, trading, storing
# or loading/unloading dangerous goods (危险物品: art. 117 — explosives, fireworks and
# hazardous chemicals among them). Disposal (Henan's) is not in the national list.
HIGH_RISK_CATEGORIES: Final = constant(
    "prc-2021.high_risk.categories",
    "categories",
    "Declared categories art. 24 (and art. 27 para 2) names as high-risk.",
    frozenset(
        {
            "coal_mining",
            "non_coal_mining",
            "metal_smelting",
            "construction",
            "road_transport",
            "other_transport",
            "dangerous_goods_transport",
            "hazardous_chemicals",
            "fireworks",
            "civil_explosives",
            "dangerous_goods_trading",
            "dangerous_goods_storage",
            "dangerous_goods_loading",
        }
    ),
    EFFECTIVE_FROM,
    _law("第二十四条第一款"),
)
# GB/T 4754-2017 code prefixes → category, for an enterprise that declared none; the longest
# matching prefix wins.
HIGH_RISK_CODES: Final = constant(
    "prc-2021.high_risk.industry_codes",
    "GB/T 4754 codes",
    "Industry codes confirmed to fall in an art. 24 category.",
    {
        "E47": "construction",
        "E48": "construction",
        "E49": "construction",
        "E50": "construction",
        "C2671": "civil_explosives",
        "C2672": "fireworks",
        "F5265": "hazardous_chemicals",  # fuel stations (trading)
        "F5266": "hazardous_chemicals",  # gas stations (trading)
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "E47–E50, C2671, C2672, F5265, F5266"),
)
HIGH_RISK_CODES_PROVISIONAL: Final = constant(
    "prc-2021.high_risk.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as falling in an art. 24 category where the mapping is not confirmed.",
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
        "C31": "metal_smelting",
        "C32": "metal_smelting",
        "G53": "other_transport",  # rail
        "G54": "road_transport",
        "G55": "other_transport",  # water
        "G56": "other_transport",  # air
        "G57": "other_transport",  # pipelines
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "B06–B12, C25–C26, C31–C32, G53–G57"),
    provisional=True,
    note="division-level mapping not confirmed (legal-research.md §14); the enterprise or a "
    "regulator can declare the category",
)

# --- Art. 24: staffing ---------------------------------------------------------------------------
STAFFING_THRESHOLD: Final = constant(
    "prc-2021.staffing.threshold",
    "employees",
    "Above this many employees a unit outside the art. 24 list needs a body or a full-time "
    "officer.",
    100,
    EFFECTIVE_FROM,
    _law("第二十四条第二款（超过一百人）"),
)

# --- Art. 27 para 2: assessment ----------------------------------------------------------------
ASSESSMENT_VALIDITY_YEARS: Final = constant(
    "prc-2021.assessment.validity_years",
    "years",
    "Validity of an assessment certificate that records no expiry.",
    3,
    EFFECTIVE_FROM,
    Source("安全生产知识和管理能力考核合格证（地方实践）", ""),
    provisional=True,
    note="provincial practice seen on one city's page; no national rule found",
)
ASSESSMENT_GRACE_MONTHS: Final = constant(
    "prc-2021.assessment.grace_months",
    "months",
    "Months after taking the post within which the assessment must be passed, in the "
    "sectors that have such a period.",
    6,
    EFFECTIVE_FROM,
    _order_3("第二十四条"),
    provisional=True,
    note="quoted by secondary pages (packs-next.md); order 3's text not seen",
)
ASSESSMENT_GRACE_CATEGORIES: Final = constant(
    "prc-2021.assessment.grace_categories",
    "categories",
    "Sectors whose principals and officers have the grace period after taking the post.",
    frozenset(
        {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metal_smelting"}
    ),
    EFFECTIVE_FROM,
    _order_3("第二十四条"),
    provisional=True,
    note="quoted by secondary pages (packs-next.md); order 3's text not seen",
)

# --- Art. 27 para 3: registered safety engineers ---------------------------------------------
ENGINEER_CATEGORIES: Final = constant(
    "prc-2021.engineers.categories",
    "categories",
    "Units that must have a registered safety engineer in their safety management: producing, "
    "storing or loading dangerous goods, mines, metal smelting (not trading, construction or "
    "transport).",
    frozenset(
        {
            "coal_mining",
            "non_coal_mining",
            "metal_smelting",
            "hazardous_chemicals",
            "fireworks",
            "civil_explosives",
            "dangerous_goods_storage",
            "dangerous_goods_loading",
        }
    ),
    EFFECTIVE_FROM,
    _law("第二十七条第三款"),
)
ENGINEER_LEVELS: Final = constant(
    "prc-2021.engineers.levels",
    "levels",
    "Registration levels that count as a registered safety engineer for art. 27 para 3.",
    frozenset({"intermediate", "senior"}),
    EFFECTIVE_FROM,
    Source(ENGINEER_MEASURES, "第四条"),
    provisional=True,
    note="the law says only 注册安全工程师; an assistant (助理) registration is read as not "
    "counting (secondary sources on the 2017 measures)",
)
# The specialty a unit's engineer must hold, by category; a category not listed takes any.
ENGINEER_SPECIALTIES: Final = constant(
    "prc-2021.engineers.specialties",
    "category → specialty",
    "The registered specialty matching each category (any specialty where none is listed).",
    {
        "coal_mining": "coal_mine",
        "non_coal_mining": "metal_nonmetal_mine",
        "metal_smelting": "metal_smelting",
        "hazardous_chemicals": "chemical",
    },
    EFFECTIVE_FROM,
    Source(ENGINEER_MEASURES, "第三条"),
    provisional=True,
    note="the specialties are the 2017 measures' (secondary sources); matching them to units "
    "is this pack's reading of art. 27 para 3 (按专业分类管理)",
)

# --- Art. 28: training (order 3; 安委〔2012〕10号) ----------------------------------------------
TRAINING_HIGH_RISK: Final = constant(
    "prc-2021.training.high_risk",
    "categories",
    "Sectors with the higher training hours.",
    frozenset(
        {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metal_smelting"}
    ),
    EFFECTIVE_FROM,
    _order_3(""),
)
INDUCTION_KINDS: Final = frozenset(
    {TrainingKind.COMPANY_LEVEL, TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL}
)
NEW_HIRE_HOURS: Final = constant(
    "prc-2021.training.new_hire_hours",
    "class hours",
    "Training of a new employee before work.",
    Decimal(24),
    EFFECTIVE_FROM,
    _order_3("第十三条"),
)
NEW_HIRE_HOURS_HIGH_RISK: Final = constant(
    "prc-2021.training.new_hire_hours_high_risk",
    "class hours",
    "Training of a new employee before work in a training high-risk sector.",
    Decimal(72),
    EFFECTIVE_FROM,
    _order_3("第十三条"),
)
NEW_HIRE_HOURS_CONSTRUCTION: Final = constant(
    "prc-2021.training.new_hire_hours_construction",
    "class hours",
    "Training of a new construction worker before work.",
    Decimal(32),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
ANNUAL_HOURS: Final = constant(
    "prc-2021.training.annual_hours",
    "class hours",
    "Everyone's re-training in each calendar year.",
    Decimal(8),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
ANNUAL_HOURS_HIGH_RISK: Final = constant(
    "prc-2021.training.annual_hours_high_risk",
    "class hours",
    "Everyone's yearly re-training in training high-risk sectors and in construction.",
    Decimal(20),
    EFFECTIVE_FROM,
    Source(DECISION_2012, ""),
    provisional=True,
    note=_DECISION_2012_NOTE,
)
MANAGER_INITIAL_HOURS: Final = constant(
    "prc-2021.training.manager_initial_hours",
    "class hours",
    "Initial training of the principal and safety officers.",
    Decimal(32),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_INITIAL_HOURS_HIGH_RISK: Final = constant(
    "prc-2021.training.manager_initial_hours_high_risk",
    "class hours",
    "Initial training of the principal and safety officers in a training high-risk sector.",
    Decimal(48),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_ANNUAL_HOURS: Final = constant(
    "prc-2021.training.manager_annual_hours",
    "class hours",
    "Yearly re-training of the principal and safety officers.",
    Decimal(12),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)
MANAGER_ANNUAL_HOURS_HIGH_RISK: Final = constant(
    "prc-2021.training.manager_annual_hours_high_risk",
    "class hours",
    "Yearly re-training of the principal and safety officers in a training high-risk sector.",
    Decimal(16),
    EFFECTIVE_FROM,
    _order_3("第九条"),
)

# --- Art. 41: hidden dangers; 职业病防治法 art. 35: exit exams ----------------------------------
LOOK_BACK_MONTHS: Final = constant(
    "prc-2021.look_back",
    "months",
    "The last months judged by 41.2 (major hidden dangers) and OD35.3 (leavers).",
    12,
    EFFECTIVE_FROM,
    _reading("第四十一条；职业病防治法第三十五条"),
)
MAJOR_REPORT_DAYS: Final = constant(
    "prc-2021.dangers.major_report_days",
    "days",
    "A major hidden danger is reported to the regulator within this many days of being found.",
    7,
    EFFECTIVE_FROM,
    _reading("第四十一条第二款（及时报告）"),
    provisional=True,
    note="the law says 及时 (promptly) and gives no figure; a week is this pack's reading",
)
EXIT_EXAM_SUBSTITUTE_DAYS: Final = constant(
    "prc-2021.health.exit_exam_substitute_days",
    "days",
    "A periodic exam this close before leaving stands for the exit exam.",
    90,
    EFFECTIVE_FROM,
    Source(GBZ188, "离岗时职业健康检查"),
    provisional=True,
    note="GBZ 188's rule as remembered, not read from the standard's text",
)


# --- Art. 51: work-injury and work-safety liability insurance ----------------------------------
LIABILITY_MEASURES_2017 = "安全生产责任保险实施办法（安监总办〔2017〕140号）"
LIABILITY_MEASURES_2025 = "安全生产责任保险实施办法（应急〔2025〕27号）"
_LIABILITY_NOTE = "secondary sources (packs-next.md); the measures' text not seen in shared/law"
# The high-risk sectors the state names for art. 51 para 2 (the same in the 2017 and 2025
# measures): mines, dangerous chemicals, fireworks, transport, construction, metal smelting,
# civil explosives, fishing. Dangerous goods traded, stored, loaded or carried are read as the
# chemicals and transport sectors.
LIABILITY_CATEGORIES: Final = constant(
    "prc-2021.liability_insurance.categories",
    "categories",
    "Declared categories that must hold work-safety liability insurance (art. 51 para 2).",
    frozenset(
        {
            "coal_mining",
            "non_coal_mining",
            "hazardous_chemicals",
            "dangerous_goods_trading",
            "dangerous_goods_storage",
            "dangerous_goods_loading",
            "dangerous_goods_transport",
            "fireworks",
            "civil_explosives",
            "road_transport",
            "other_transport",
            "construction",
            "metal_smelting",
            "fishing",
        }
    ),
    EFFECTIVE_FROM,
    Source(LIABILITY_MEASURES_2017, "第三条"),
    provisional=True,
    note=_LIABILITY_NOTE,
)
# GB/T 4754-2017 codes of the sectors art. 24's tables lack, for an enterprise that declared
# no category (the longest matching prefix wins, across these and art. 24's).
LIABILITY_CODES_PROVISIONAL: Final = constant(
    "prc-2021.liability_insurance.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as falling in a liability-insurance sector art. 24's tables lack.",
    {"A042": "fishing"},  # 水产捕捞
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "A042"),
    provisional=True,
    note="the mapping of fishing (渔业生产) to class A042 is this pack's reading",
)
LIABILITY_MIN_COVER: Final = Parameter(
    "prc-2021.liability_insurance.min_cover_per_person",
    "yuan",
    "The least insured amount per person (death or disability) of a liability policy; "
    "provinces may set more.",
    (
        Dated(300_000, EFFECTIVE_FROM, Source(LIABILITY_MEASURES_2017, ""), True, _LIABILITY_NOTE),
        Dated(
            400_000,
            date(2025, 4, 2),  # published; dated 2025-03-29
            Source(LIABILITY_MEASURES_2025, ""),
            True,
            _LIABILITY_NOTE + "; in force read as from publication (2025-04-02)",
        ),
    ),
)

# --- Art. 81 (生产安全事故应急条例 art. 8): emergency plans and drills --------------------------
EMERGENCY_REGULATION = "生产安全事故应急条例（国务院令第708号）"
PLAN_MEASURES = "生产安全事故应急预案管理办法（应急管理部令第2号）"
# Art. 8 para 2's units: producing, trading, storing or carrying dangerous goods (loading
# alone is not named), mines, metal smelting, urban rail transit, construction, and the
# operators of crowded venues (hotels, malls, entertainment, scenic spots).
DRILL_CATEGORIES: Final = constant(
    "prc-2021.emergency.half_yearly_categories",
    "categories",
    "Declared categories that drill at least every half year and report it (应急条例 art. 8).",
    frozenset(
        {
            "hazardous_chemicals",
            "fireworks",
            "civil_explosives",
            "dangerous_goods_trading",
            "dangerous_goods_storage",
            "dangerous_goods_transport",
            "coal_mining",
            "non_coal_mining",
            "metal_smelting",
            "urban_rail_transit",
            "construction",
            "crowded_venue",
        }
    ),
    date(2019, 4, 1),
    Source(EMERGENCY_REGULATION, "第八条第二款"),
)
DRILL_CODES_PROVISIONAL: Final = constant(
    "prc-2021.emergency.industry_codes_provisional",
    "GB/T 4754 codes",
    "Industry codes read as urban rail transit or crowded venues (arts. 7, 8 and 10).",
    {
        "G5412": "urban_rail_transit",  # 城市轨道交通
        "H61": "crowded_venue",  # 住宿业 (hotels)
        "F5211": "crowded_venue",  # 百货零售 (malls)
        "R90": "crowded_venue",  # 娱乐业
        "N786": "crowded_venue",  # 游览景区管理
    },
    EFFECTIVE_FROM,
    Source(INDUSTRY_CODES, "G5412, H61, F5211, R90, N786"),
    provisional=True,
    note="the mapping of the regulation's venues to classes is this pack's reading",
)
DRILL_MONTHS_LISTED: Final = constant(
    "prc-2021.emergency.drill_months_listed",
    "months",
    "Art. 8 para 2's units drill at least once in this many months.",
    6,
    date(2019, 4, 1),
    Source(EMERGENCY_REGULATION, "第八条第二款（至少每半年）"),
)
DRILL_MONTHS_OTHERS: Final = constant(
    "prc-2021.emergency.drill_months_others",
    "months",
    "Other units drill at least once in this many months (the law says 定期, regularly).",
    12,
    EFFECTIVE_FROM,
    Source(PLAN_MEASURES, "第三十三条（综合或专项预案演练每年至少一次）"),
    provisional=True,
    note="the law (art. 81) says only 定期; the yearly comprehensive or special-plan drill of "
    "the 2019 measures is quoted by packs-next.md, the measures' text not in shared/law",
)


# --- 安全生产许可证条例 arts. 2, 9: the safety production licence ----------------------------
LICENCE_REGULATION = "安全生产许可证条例（国务院令第397号，2014年修订）"
# In force on publication (art. 24), 2004-01-13; arts. 2 and 9 are unchanged by the revisions.
LICENCE_REGULATION_FROM: Final = date(2004, 1, 13)
# The declared categories art. 2 names, with the licence scope each needs: mines, construction,
# and producers of hazardous chemicals, fireworks and civil explosives.
LICENCE_SCOPES: Final = constant(
    "prc-2021.licence.scopes",
    "category → scope",
    "Declared categories that need a safety production licence, and the licence's scope.",
    {
        "coal_mining": "mining",
        "non_coal_mining": "mining",
        "construction": "construction",
        "hazardous_chemicals": "hazardous_chemicals",
        "fireworks": "fireworks",
        "civil_explosives": "civil_explosives",
    },
    LICENCE_REGULATION_FROM,
    Source(LICENCE_REGULATION, "第二条"),
)
# Art. 2 licenses the *producers* of hazardous chemicals, fireworks and civil explosives; a
# declared category of those three also covers a unit that only trades or stores them (the
# category's own definition), which holds other permits (经营许可证), not this licence.
LICENCE_NON_PRODUCING_SECTIONS: Final = constant(
    "prc-2021.licence.non_producing_sections",
    "GB/T 4754 sections",
    "Industry sections whose units trade, store or carry dangerous goods rather than produce "
    "them: no safety production licence for those scopes.",
    frozenset({"F", "G"}),  # 批发和零售业; 交通运输、仓储和邮政业
    LICENCE_REGULATION_FROM,
    Source(LICENCE_REGULATION, "第二条（生产企业）"),
    note="art. 2 names 危险化学品、烟花爆竹、民用爆炸物品生产企业; a unit coded in section F or "
    "G is read as not producing (decision 138)",
)
LICENCE_VALIDITY_YEARS: Final = constant(
    "prc-2021.licence.validity_years",
    "years",
    "A licence's validity, and an extension's (an application made earlier than this before "
    "the last valid day belongs to the previous term).",
    3,
    LICENCE_REGULATION_FROM,
    Source(LICENCE_REGULATION, "第九条"),
)
LICENCE_RENEWAL_MONTHS: Final = constant(
    "prc-2021.licence.renewal_months",
    "months",
    "The extension is applied for at least this many months before the licence expires.",
    3,
    LICENCE_REGULATION_FROM,
    Source(LICENCE_REGULATION, "第九条第一款（期满前3个月）"),
)

# --- 特种设备安全法 arts. 14, 33, 40: special equipment -------------------------------------------
EQUIPMENT_LAW = "中华人民共和国特种设备安全法"
EQUIPMENT_LAW_FROM: Final = date(2014, 1, 1)  # art. 101
OPERATOR_CATALOGUE = "特种设备作业人员资格认定分类与项目（TSG Z6001-2019）"
REGISTRATION_DAYS: Final = constant(
    "prc-2021.special_equipment.registration_days",
    "days",
    "An item is registered for use at the latest this many days after it is put into use.",
    30,
    EQUIPMENT_LAW_FROM,
    Source(EQUIPMENT_LAW, "第三十三条（投入使用后三十日内）"),
)
INSPECTION_REQUEST_MONTHS: Final = constant(
    "prc-2021.special_equipment.inspection_request_months",
    "months",
    "Periodic inspection is requested at least this many months before the current one runs out.",
    1,
    EQUIPMENT_LAW_FROM,
    Source(EQUIPMENT_LAW, "第四十条第一款（届满前一个月）"),
)
# Art. 14 defers to "国家有关规定": the certificate catalogue's operating items are boiler
# (G), quick-opening pressure vessels and filling (R, P), elevator repair (T), cranes (Q),
# ropeways (S), amusement rides (Y) and in-plant vehicles (N). The registry records neither
# a vessel's type nor who repairs an elevator (usually its maintenance firm), so only the
# categories every item of which has operators are judged.
OPERATOR_CATEGORIES: Final = constant(
    "prc-2021.special_equipment.operator_categories",
    "categories",
    "Equipment categories whose items in use need a certified operator of the category.",
    frozenset(
        {"boiler", "lifting_machinery", "passenger_ropeway", "amusement_ride", "in_plant_vehicle"}
    ),
    EQUIPMENT_LAW_FROM,
    Source(OPERATOR_CATALOGUE, "附件A"),
    provisional=True,
    note="the catalogue's items as remembered, its text not seen (decision 96); pressure "
    "vessels, piping and elevators left out (decision 140)",
)

# --- Art. 82 (生产安全事故应急条例 art. 10): rescue teams or designated rescuers ----------------
# Art. 10 para 1 names art. 82 para 1's units (dangerous goods produced, traded or stored;
# mines, metal smelting, urban rail transit, construction) and adds dangerous-goods carriers
# and the operators of crowded venues: the same list as arts. 7 and 8 (decision 142).
RESCUE_CATEGORIES: Final = constant(
    "prc-2021.rescue.categories",
    "categories",
    "Declared categories that must set up a rescue team (安全生产法 art. 82 para 1, "
    "应急条例 art. 10 para 1).",
    DRILL_CATEGORIES.values[0].value,
    date(2019, 4, 1),
    Source(EMERGENCY_REGULATION, "第十条第一款（含安全生产法第八十二条第一款所列单位）"),
)
# 规模较小的 (art. 82) is read by art. 10's own example, 小型企业或者微型企业, on the profile's
# SME class (中小企业划型标准).
RESCUE_SMALL_CLASSES: Final = constant(
    "prc-2021.rescue.small_classes",
    "SME classes",
    "SME classes that may designate part-time rescuers instead of setting up a team.",
    frozenset({"small", "micro"}),
    date(2019, 4, 1),
    Source(EMERGENCY_REGULATION, "第十条第一款（小型企业或者微型企业等规模较小的）"),
)

# --- 应急条例 arts. 5 and 7: plans published to the staff, filed and published to society -----
PLAN_FILING_CATEGORIES: Final = constant(
    "prc-2021.emergency.filing_categories",
    "categories",
    "Declared categories that file their plans with the regulator and publish them to "
    "society (应急条例 art. 7).",
    DRILL_CATEGORIES.values[0].value,
    date(2019, 4, 1),
    Source(EMERGENCY_REGULATION, "第七条"),
)
PLAN_PUBLICATION_DAYS: Final = constant(
    "prc-2021.emergency.plan_publication_days",
    "days",
    "Days after a plan's issue by which it is published to the staff and, for art. 7's "
    "units, filed and published to society (the texts set no period).",
    30,
    date(2019, 9, 1),
    Source(PLAN_MEASURES, "第二十六条（应急预案公布之日起20个工作日内备案）"),
    provisional=True,
    note="the regulation says only 按照国家有关规定; the measures' 20 working days (quoted "
    "from memory, their text not in shared/law) are read as 30 calendar days, a house "
    "rule: four working weeks and some public holidays (decision 143)",
)

# --- 职业病防治法 art. 26: workplace monitoring (the periods: NHC order 5 art. 20) --------
ORDER_5 = "工作场所职业卫生管理规定（国家卫生健康委员会令第5号）"
_ORDER_5_NOTE = (
    "the law leaves the period to the health authority (按照国务院卫生行政部门的规定); order "
    "5's text is not in shared/law: the figure is rules.md's, as secondary pages quote it "
    "(for units whose hazard is not serious order 5 is read as every 3 years; this pack asks "
    "every unit yearly, decision 136)"
)
MONITORING_DETECTION_MONTHS: Final = constant(
    "prc-2021.health.detection_months",
    "months",
    "A workplace hazard detection (职业病危害因素检测) at least this often.",
    12,
    EFFECTIVE_FROM,
    Source(ORDER_5, "第二十条（每年至少一次）"),
    provisional=True,
    note=_ORDER_5_NOTE,
)
MONITORING_EVALUATION_MONTHS: Final = constant(
    "prc-2021.health.evaluation_months",
    "months",
    "Where the hazard is serious, a current-status evaluation (现状评价) at least this often.",
    36,
    EFFECTIVE_FROM,
    Source(ORDER_5, "第二十条（每三年至少一次）"),
    provisional=True,
    note=_ORDER_5_NOTE,
)


def latest(parameter: Parameter[Any]) -> Any:
    """The newest value, for static texts (applicability, remediation) that quote a figure."""
    return parameter.values[-1].value
