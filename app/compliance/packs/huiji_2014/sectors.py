"""Article 19's sectors and deadlines as data: which GB/T 4754-2017 codes fall in which sector.

The seed (惠政文〔2014〕53号 art. 19) names hazardous chemicals and fireworks (end 2014);
metallurgy, machinery, light industry, building materials, frozen food and construction above
designated size (end 2015); and every industrial, mining, commercial and transport enterprise
below designated size (end 2016). Correcting a code's sector is a one-line change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from app.compliance.rules import Text
from app.enterprises.catalog import HighRiskCategory

# The clauses of art. 19, each with its deadline (a dated parameter: params.py).
HAZARDOUS, NAMED, BELOW = "hazardous", "named_above_size", "below_size"


@dataclass(frozen=True)
class Sector:
    """An article-19 sector and the clause that sets its deadline for each size class (None:
    not in this pack)."""

    key: str
    name: Text
    above: str | None  # above designated size (规模以上)
    below: str | None  # below designated size (规模以下)

    def deadline(self, above_size: bool, deadlines: Mapping[str, date]) -> date | None:
        clause = self.above if above_size else self.below
        return None if clause is None else deadlines[clause]


def _named(key: str, zh: str, en: str) -> Sector:
    return Sector(key, Text(zh, en), NAMED, BELOW)


def _other(key: str, zh: str, en: str) -> Sector:
    # Named only in the below-size clause: above-size enterprises are outside art. 19 here.
    return Sector(key, Text(zh, en), None, BELOW)


HAZARDOUS_CHEMICALS = Sector(
    "hazardous_chemicals", Text("危险化学品", "hazardous chemicals"), HAZARDOUS, HAZARDOUS
)
FIREWORKS = Sector("fireworks", Text("烟花爆竹", "fireworks"), HAZARDOUS, HAZARDOUS)
METALLURGY = _named("metallurgy", "冶金", "metallurgy")
MACHINERY = _named("machinery", "机械", "machinery")
LIGHT_INDUSTRY = _named("light_industry", "轻工", "light industry")
BUILDING_MATERIALS = _named("building_materials", "建材", "building materials")
FROZEN_FOOD = _named("frozen_food", "冻品", "frozen food")
CONSTRUCTION = _named("construction", "建筑施工", "construction")
MINING = _other("mining", "矿山", "mining")
OTHER_INDUSTRY = _other("other_industry", "其他工业", "other industry")
COMMERCE = _other("commerce", "商贸", "commerce")
TRANSPORT = _other("transport", "交通运输", "transport")

# GB/T 4754-2017 code prefix → (Chinese name, sector). Divisions (letter + 2 digits) and,
# where a class inside a division belongs elsewhere, the class (letter + 4 digits): the
# longest matching prefix wins. Sections A and H–T (agriculture, services, public bodies)
# are not industrial, mining, commercial or transport enterprises: they have no rows.
CODES: Final[dict[str, tuple[str, Sector]]] = {
    # B 采矿业: mines are not among the 2015 sectors, so only the below-size clause binds.
    "B06": ("煤炭开采和洗选业", MINING),
    "B07": ("石油和天然气开采业", MINING),
    "B08": ("黑色金属矿采选业", MINING),
    "B09": ("有色金属矿采选业", MINING),
    "B10": ("非金属矿采选业", MINING),
    "B11": ("开采专业及辅助性活动", MINING),
    "B12": ("其他采矿业", MINING),
    # C 制造业 13–24 and 29: light industry (轻工, food to consumer goods, incl. textiles).
    "C13": ("农副食品加工业", LIGHT_INDUSTRY),
    "C1361": ("水产品冷冻加工", FROZEN_FOOD),
    "C14": ("食品制造业", LIGHT_INDUSTRY),
    "C1432": ("速冻食品制造", FROZEN_FOOD),
    "C15": ("酒、饮料和精制茶制造业", LIGHT_INDUSTRY),
    "C16": ("烟草制品业", LIGHT_INDUSTRY),
    "C17": ("纺织业", LIGHT_INDUSTRY),
    "C18": ("纺织服装、服饰业", LIGHT_INDUSTRY),
    "C19": ("皮革、毛皮、羽毛及其制品和制鞋业", LIGHT_INDUSTRY),
    "C20": ("木材加工和木、竹、藤、棕、草制品业", LIGHT_INDUSTRY),
    "C21": ("家具制造业", LIGHT_INDUSTRY),
    "C22": ("造纸和纸制品业", LIGHT_INDUSTRY),
    "C23": ("印刷和记录媒介复制业", LIGHT_INDUSTRY),
    "C24": ("文教、工美、体育和娱乐用品制造业", LIGHT_INDUSTRY),
    # C 25–26: refining and chemicals are hazardous-chemical producers; fireworks are a class.
    "C25": ("石油、煤炭及其他燃料加工业", HAZARDOUS_CHEMICALS),
    "C26": ("化学原料和化学制品制造业", HAZARDOUS_CHEMICALS),
    "C2672": ("焰火、鞭炮产品制造", FIREWORKS),
    # Pharmaceuticals and chemical fibres are named by no clause but the below-size one;
    # a producer holding a hazardous-chemical licence declares that category instead.
    "C27": ("医药制造业", OTHER_INDUSTRY),
    "C28": ("化学纤维制造业", OTHER_INDUSTRY),
    "C29": ("橡胶和塑料制品业", LIGHT_INDUSTRY),
    "C30": ("非金属矿物制品业", BUILDING_MATERIALS),
    "C31": ("黑色金属冶炼和压延加工业", METALLURGY),
    "C32": ("有色金属冶炼和压延加工业", METALLURGY),
    # C 33–40 and 43: machinery and equipment, with its repair trade.
    "C33": ("金属制品业", MACHINERY),
    "C34": ("通用设备制造业", MACHINERY),
    "C35": ("专用设备制造业", MACHINERY),
    "C36": ("汽车制造业", MACHINERY),
    "C37": ("铁路、船舶、航空航天和其他运输设备制造业", MACHINERY),
    "C38": ("电气机械和器材制造业", MACHINERY),
    "C39": ("计算机、通信和其他电子设备制造业", MACHINERY),
    "C40": ("仪器仪表制造业", MACHINERY),
    "C41": ("其他制造业", OTHER_INDUSTRY),
    "C42": ("废弃资源综合利用业", OTHER_INDUSTRY),
    "C43": ("金属制品、机械和设备修理业", MACHINERY),
    # D 电力、热力、燃气及水生产和供应业: industry in the statistical sense.
    "D44": ("电力、热力生产和供应业", OTHER_INDUSTRY),
    "D45": ("燃气生产和供应业", OTHER_INDUSTRY),
    "D46": ("水的生产和供应业", OTHER_INDUSTRY),
    # E 建筑业.
    "E47": ("房屋建筑业", CONSTRUCTION),
    "E48": ("土木工程建筑业", CONSTRUCTION),
    "E49": ("建筑安装业", CONSTRUCTION),
    "E50": ("建筑装饰、装修和其他建筑业", CONSTRUCTION),
    # F 批发和零售业.
    "F51": ("批发业", COMMERCE),
    "F52": ("零售业", COMMERCE),
    # G 交通运输、仓储和邮政业; cold stores are the frozen-food trade's warehouses.
    "G53": ("铁路运输业", TRANSPORT),
    "G54": ("道路运输业", TRANSPORT),
    "G55": ("水上运输业", TRANSPORT),
    "G56": ("航空运输业", TRANSPORT),
    "G57": ("管道运输业", TRANSPORT),
    "G58": ("多式联运和运输代理业", TRANSPORT),
    "G59": ("装卸搬运和仓储业", TRANSPORT),
    "G5930": ("低温仓储", FROZEN_FOOD),
    "G60": ("邮政业", TRANSPORT),
}

# The declared high-risk category (art. 17) places an enterprise in a sector whatever its
# industry code: a chemicals trader coded F51 is still a hazardous-chemicals enterprise.
DECLARED: Final[dict[str, Sector]] = {
    HighRiskCategory.HAZARDOUS_CHEMICALS.value: HAZARDOUS_CHEMICALS,
    HighRiskCategory.FIREWORKS.value: FIREWORKS,
    HighRiskCategory.CONSTRUCTION.value: CONSTRUCTION,
    HighRiskCategory.METAL_SMELTING.value: METALLURGY,
    HighRiskCategory.COAL_MINING.value: MINING,
    HighRiskCategory.NON_COAL_MINING.value: MINING,
    HighRiskCategory.ROAD_TRANSPORT.value: TRANSPORT,
}


SECTORS: Final = {sector.key: sector for _, sector in CODES.values()}
# The table as the pack's parameter holds it: code prefix → sector key.
SECTOR_KEYS: Final = {prefix: sector.key for prefix, (_, sector) in CODES.items()}


def sectors_of_code(code: str, keys: dict[str, str] = SECTOR_KEYS) -> frozenset[Sector]:
    """The sectors an industry code may be in: one for a division or finer code, all of its
    section's for a bare section letter (then the division is what is missing), none for a
    code outside the table (`keys`: code prefix → sector key, the parameter's value)."""
    for length in (5, 4, 3):
        if len(code) >= length and (key := keys.get(code[:length])) is not None:
            return frozenset({SECTORS[key]})
    if len(code) == 1:
        return frozenset(SECTORS[key] for prefix, key in keys.items() if prefix[0] == code)
    return frozenset()
