"""The generated demo district's vocabulary: industries, towns, departments, names, defects.

Plain data, so that a more realistic mix is an edit here and not in the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Huiji District's subdistricts and towns (regions seeded by the migrations), with a
# weight for how many enterprises each holds and a short name for company names.
TOWNS: Final = (
    ("410108001", "新城", 12),
    ("410108002", "刘寨", 10),
    ("410108003", "江山路", 8),
    ("410108004", "长兴路", 14),
    ("410108005", "迎宾路", 14),
    ("410108006", "大河路", 12),
    ("410108100", "花园口", 14),
    ("410108101", "古荥", 16),
)


@dataclass(frozen=True)
class Industry:
    """One line of the mix: a GB/T 4754 class and what comes with it."""

    code: str
    word: str  # the business, as it appears in a company name
    sector: str  # industrial, chemical, construction, commercial, transport, catering, service
    weight: float
    high_risk: str | None = None
    hazard_trade: bool = False  # an occupational-hazard trade (seed art. 22)
    factors: tuple[str, ...] = ()  # hazard factors its production workers meet
    operations: tuple[str, ...] = ()  # special-operation categories it needs
    standardization: bool = True  # industrial, commercial or transport (art. 19)


INDUSTRIES: Final = (
    Industry(
        "C2110",
        "家具制造",
        "industrial",
        7,
        None,
        True,
        ("dust", "formaldehyde", "noise"),
        ("1.2", "2.1"),
    ),
    Industry(
        "C3032",
        "装饰材料",
        "industrial",
        4,
        None,
        True,
        ("dust", "formaldehyde", "toluene"),
        ("1.2",),
    ),
    Industry("C3021", "水泥制品", "industrial", 3, None, True, ("dust", "noise"), ("1.2", "3.1")),
    Industry("C3091", "磨料磨具", "industrial", 2, None, True, ("dust", "noise"), ("1.2",)),
    Industry(
        "C3484",
        "机械加工",
        "industrial",
        8,
        None,
        True,
        ("noise", "manganese", "dust"),
        ("1.2", "2.1"),
    ),
    Industry(
        "C3311",
        "钢结构制造",
        "industrial",
        4,
        None,
        True,
        ("noise", "manganese", "high_temperature"),
        ("2.1", "3.1", "1.2"),
    ),
    Industry(
        "C1361", "冷冻食品", "industrial", 3, None, False, ("ammonia", "noise"), ("4.1", "1.2")
    ),
    Industry("C1411", "食品加工", "industrial", 3, None, False, (), ("1.2",)),
    Industry("C1713", "纺织", "industrial", 2, None, True, ("noise", "dust"), ("1.2",)),
    Industry(
        "C2319", "包装印刷", "industrial", 2, None, True, ("benzene", "toluene", "noise"), ("1.2",)
    ),
    Industry(
        "C2614",
        "化工",
        "chemical",
        2.5,
        "hazardous_chemicals",
        True,
        ("benzene", "methanol", "ammonia"),
        ("9", "1.2", "2.1"),
    ),
    Industry(
        "C2641",
        "涂料",
        "chemical",
        1.5,
        "hazardous_chemicals",
        True,
        ("toluene", "xylene", "benzene"),
        ("9", "1.2"),
    ),
    Industry("F5162", "化工产品销售", "commercial", 1.5, "hazardous_chemicals", False, (), ("9",)),
    Industry(
        "F5265", "加油站", "commercial", 2, "hazardous_chemicals", False, ("benzene",), ("9", "1.2")
    ),
    Industry(
        "C2672",
        "烟花爆竹制造",
        "industrial",
        0.5,
        "fireworks",
        True,
        ("dust", "noise"),
        ("10", "1.2"),
    ),
    Industry("F5149", "烟花爆竹批发", "commercial", 1, "fireworks", False, (), ("10",)),
    Industry(
        "C3216",
        "有色金属冶炼",
        "industrial",
        0.8,
        "metal_smelting",
        True,
        ("lead", "high_temperature", "sulfur_dioxide", "noise"),
        ("8", "2.1", "1.2"),
    ),
    Industry(
        "E4710",
        "建筑工程",
        "construction",
        8,
        "construction",
        False,
        ("noise", "dust"),
        ("3.1", "2.1", "1.2"),
    ),
    Industry(
        "E4910", "电气安装", "construction", 2, "construction", False, (), ("1.1", "1.2", "3.2")
    ),
    Industry(
        "E5011",
        "装饰装修",
        "construction",
        3,
        "construction",
        True,
        ("dust", "benzene", "formaldehyde"),
        ("1.2", "3.2"),
    ),
    Industry("G5430", "道路运输", "transport", 3.5, "road_transport", False, (), ("1.2",)),
    Industry("G5941", "仓储物流", "transport", 2, None, False, (), ("1.2", "4.1")),
    Industry("F5212", "超市", "commercial", 8, None, False, (), ("4.1",)),
    Industry("F5211", "百货", "commercial", 4, None, False, (), ("1.2",)),
    Industry("H6210", "餐饮", "catering", 8, None, False, (), (), False),
    Industry("H6110", "酒店", "catering", 2, None, False, (), ("1.2",), False),
    Industry("K7020", "物业服务", "service", 2, None, False, (), ("1.2",), False),
)

DEPARTMENTS: Final[dict[str, tuple[str, ...]]] = {
    "industrial": ("生产一车间", "生产二车间", "生产三车间", "机修车间", "仓储部", "质检部"),
    "chemical": ("合成车间", "精馏车间", "罐区", "储运部", "机修车间", "质检中心"),
    "construction": ("项目一部", "项目二部", "项目三部", "机械设备部", "物资部"),
    "commercial": ("卖场", "仓储部", "收银部", "配送部"),
    "transport": ("运输一队", "运输二队", "维修车间", "调度中心"),
    "catering": ("后厨", "前厅", "采购部"),
    "service": ("工程部", "秩序维护部", "客服部"),
}
OFFICE = "综合办公室"
WORKER_POSITION: Final[dict[str, str]] = {
    "industrial": "操作工",
    "chemical": "化工操作工",
    "construction": "施工员",
    "commercial": "营业员",
    "transport": "驾驶员",
    "catering": "服务员",
    "service": "物业管理员",
}
OPERATION_POSITION: Final[dict[str, str]] = {
    "1.1": "高压电工",
    "1.2": "电工",
    "2.1": "焊工",
    "3.1": "架子工",
    "3.2": "高处作业人员",
    "4.1": "制冷工",
    "8": "冶炼工",
    "9": "危化品作业人员",
    "10": "烟花爆竹作业人员",
}
ENGINEER_SPECIALTY: Final[dict[str, str]] = {
    "hazardous_chemicals": "chemical",
    "fireworks": "other",
    "metal_smelting": "metal_smelting",
    "construction": "construction",
    "road_transport": "road_transport",
}

SURNAMES: Final = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓"
    "许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊"
    "金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN: Final = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美霞平刚桂兰玉萍红娥"
    "建国志华永胜海波晓东春燕亮新宇浩然欣怡梓涵子轩雨泽俊豪振宁家乐佳琪文博天佑思远"
)
BRANDS: Final = "鑫泰华恒盛隆宏达昌顺安康源丰瑞祥永兴润德金诚通利嘉豪宝信聚福中原豫惠联创博远"
# Household registration areas of employees' ID numbers: Huiji, Zhengzhou's other
# districts and counties, and a few cities of Henan.
ID_AREAS: Final = (
    "410108",
    "410102",
    "410103",
    "410105",
    "410122",
    "410181",
    "410184",
    "411023",
    "410411",
    "411302",
    "412702",
    "410928",
    "411521",
    "410223",
)

# Ways an enterprise falls short, with how often (among enterprises it can apply to).
DEFECTS: Final[dict[str, float]] = {
    "annual_training_gap": 0.14,  # some people missed last year's annual training
    "induction_gap": 0.08,  # the latest intake skipped team-level training
    "certificate_expired": 0.12,  # a special-operation certificate expired or unreviewed
    "danger_overdue": 0.15,  # an unresolved hidden danger past its deadline
    "danger_incomplete": 0.06,  # an open hidden danger lacks some of the five fields
    "major_unreported": 0.04,  # a major hidden danger never reported
    "exam_missing": 0.14,  # periodic exams missed for some exposed people
    "declaration_missing": 0.05,  # no hazard declaration on file
    "commitment_missing": 0.07,  # last year's commitment not signed
    "analysis_missing": 0.12,  # a recent monthly risk analysis not done
    "principal_unassessed": 0.05,  # the principal took the post before the assessment
    "understaffed": 0.10,  # first staffing branch with a single full-time officer
    "no_engineer": 0.15,  # high-risk without a registered safety engineer
    "standardization_expired": 0.12,  # the standardization certificate lapsed
    "hazard_source_unfiled": 0.30,  # a major hazard source not filed
    "no_health_supervisor": 0.08,  # nobody appointed for occupational health
}
EXEMPLARY_SHARE: Final = 0.25  # enterprises drawn without any defect
