"""Art. 50 of pack `henan-2019`: the listed units set up a rescue organisation with rescuers;
under 100 employees they may designate full- or part-time rescuers instead (decision 144)."""

from __future__ import annotations

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import EMERGENCY_RESCUE
from app.compliance.packs.henan_2019.high_risk import (
    HIGH_RISK_PARAMETERS,
    MAJOR_HAZARD_SOURCE,
    listed_category,
)
from app.compliance.packs.henan_2019.params import (
    RESCUE_CATEGORIES,
    RESCUE_CODES_PROVISIONAL,
    RESCUE_DESIGNATION_THRESHOLD,
    latest,
)
from app.compliance.packs.rescue import OWN_TEAM, TEAM_OR_DESIGNATED, of_forms
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Finding, Rule, Severity, Text

TEAM, SMALL = "organisation", "under_threshold"


def _category(facts: Facts) -> str | None:
    """Art. 14's way (declared, else the code, else a major hazard source recorded by the
    date), with crowded venues placed by their own codes."""
    if (category := listed_category(facts, RESCUE_CATEGORIES)) is not None:
        return category
    code = (facts.enterprise.industry_code or "").upper()
    venues: dict[str, str] = facts.value(RESCUE_CODES_PROVISIONAL)
    if any(code.startswith(prefix) for prefix in venues):
        return "crowded_venue"
    if any(s.identified_on <= facts.as_of for s in facts.hazard_sources):
        return MAJOR_HAZARD_SOURCE
    return None


def rescue(facts: Facts) -> Finding:
    """50.1: an organisation in place on the date; under the threshold, designated
    rescuers do. An agreement with another team never suffices alone."""
    category = _category(facts)
    if category is None:
        return _na(
            "仅适用于矿山、金属冶炼、建筑施工、道路运输单位、人员密集场所和危险物品生产、经营、"
            "储存、废弃处置单位及构成重大危险源的单位。",
            "Mines, metal smelting, construction, road transport, crowded venues, dangerous-"
            "goods producers, traders, storers and disposers and units with a major hazard "
            "source only.",
        )
    teams = of_forms(facts, OWN_TEAM)
    if teams:
        return _pass(
            f"已建立应急救援组织（{category}）。",
            f"A rescue organisation is set up ({category}).",
            tuple(a.id for a in teams),
            branch=TEAM,
        )
    threshold = facts.value(RESCUE_DESIGNATION_THRESHOLD)
    employees = facts.employee_count
    designated = of_forms(facts, TEAM_OR_DESIGNATED)
    if employees is None:
        return _unknown(
            "未建立应急救援组织；未登记从业人员数量，无法判断可否以指定救援人员代替，请登记。",
            "No rescue organisation; record the employee count to decide whether designated "
            "rescuers may do instead.",
            tuple(a.id for a in designated),
        )
    if employees < threshold:
        if designated:
            return _pass(
                f"从业人员不满{threshold}人，已指定应急救援人员。",
                f"Fewer than {threshold} employees, with designated rescuers.",
                tuple(a.id for a in designated),
                branch=SMALL,
            )
        return _fail(
            f"从业人员不满{threshold}人，应建立应急救援组织或指定专职、兼职的应急救援人员"
            f"（{category}）；与其他救援队伍签订的协议不能代替。",
            f"Fewer than {threshold} employees: a rescue organisation or designated full- or "
            f"part-time rescuers are needed ({category}); an agreement with another team is "
            "no substitute.",
            branch=SMALL,
        )
    return _fail(
        f"从业人员{employees}人，应建立应急救援组织，配备应急救援人员（{category}）"
        + (f"；仅不满{threshold}人的单位可以指定救援人员代替" if designated else "")
        + "。",
        f"{employees} employees: a rescue organisation with rescuers must be set up "
        f"({category})"
        + (
            f"; only a unit of fewer than {threshold} may designate rescuers instead"
            if designated
            else ""
        )
        + ".",
        tuple(a.id for a in designated),
        branch=TEAM,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-50.1",
        "50",
        Text("应急救援组织或应急救援人员", "A rescue organisation or designated rescuers"),
        Text(
            "矿山、金属冶炼、建筑施工、道路运输单位、人员密集场所和危险物品的生产、经营、储存、"
            "废弃处置单位，以及使用危险物品的数量构成重大危险源的单位",
            "Mines, metal smelting, construction and road transport units, crowded venues, "
            "dangerous-goods producers, traders, storers and disposers, and units using "
            "dangerous goods in major-hazard quantities",
        ),
        Text(
            "建立应急救援组织，配备应急救援人员；从业人员不满"
            f"{latest(RESCUE_DESIGNATION_THRESHOLD)}人的，可以不建立，但应当指定专职或者兼职的"
            "应急救援人员（救援协议不能代替）。",
            "Set up a rescue organisation with rescuers; a unit of fewer than "
            f"{latest(RESCUE_DESIGNATION_THRESHOLD)} employees may instead designate full- or "
            "part-time rescuers (a rescue agreement is no substitute).",
        ),
        Severity.MAJOR,
        rescue,
        (
            RESCUE_CATEGORIES,
            RESCUE_CODES_PROVISIONAL,
            RESCUE_DESIGNATION_THRESHOLD,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        duty=EMERGENCY_RESCUE,
        article_text=Text(
            "第五十条 矿山、金属冶炼、建筑施工、道路运输单位、人员密集场所和危险物品的生产、经营、"
            "储存、废弃处置以及使用危险物品的数量构成重大危险源的单位应当建立应急救援组织，配备"
            "应急救援人员；从业人员不满一百人的，可以不建立应急救援组织，但应当指定专职或者兼职的"
            "应急救援人员。\n"
            "开发区管理委员会管辖范围内的生产经营单位，可以联合建立应急救援队伍。",
            "Art. 50. Mines, metal smelting, construction and road transport units, crowded "
            "venues, and units producing, trading, storing or disposing of dangerous goods or "
            "using them in quantities that make a major hazard source shall set up an emergency "
            "rescue organisation with rescuers; those with fewer than 100 employees may instead "
            "designate full- or part-time rescuers. Units within a development zone's "
            "administration may set up a rescue team jointly.",
        ),
    ),
)
