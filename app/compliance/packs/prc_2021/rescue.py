"""Art. 82 of pack `prc-2021` with 生产安全事故应急条例 art. 10: the listed units set up a
rescue team; small and micro ones may designate part-time rescuers instead (decision 142)."""

from __future__ import annotations

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import EMERGENCY_RESCUE
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, sector
from app.compliance.packs.prc_2021.params import (
    DRILL_CODES_PROVISIONAL,
    RESCUE_CATEGORIES,
    RESCUE_SMALL_CLASSES,
)
from app.compliance.packs.prc_2021.quotes import ART_82
from app.compliance.packs.rescue import OWN_TEAM, TEAM_OR_DESIGNATED, of_forms
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Finding, Rule, Severity, Text

TEAM, SMALL = "team", "small"


def rescue(facts: Facts) -> Finding:
    """82.1: a team in place on the date; for a small or micro enterprise, designated
    rescuers do. An agreement with another team never suffices alone."""
    category = sector(facts, DRILL_CODES_PROVISIONAL)
    if category not in facts.value(RESCUE_CATEGORIES):
        return _na(
            "仅适用于危险物品生产、经营、储存、运输单位，矿山、金属冶炼、城市轨道交通运营、"
            "建筑施工单位和人员密集场所经营单位。",
            "Dangerous-goods producers, traders, storers and carriers, mines, metal smelting, "
            "urban rail transit, construction and crowded venues only.",
        )
    teams = of_forms(facts, OWN_TEAM)
    if teams:
        return _pass(
            f"已建立应急救援队伍（{category}）。",
            f"A rescue team is set up ({category}).",
            tuple(a.id for a in teams),
            branch=TEAM,
        )
    designated = of_forms(facts, TEAM_OR_DESIGNATED)
    size = facts.enterprise.sme_class
    small = size in facts.value(RESCUE_SMALL_CLASSES)
    if designated and small:
        return _pass(
            "小型或微型企业，已指定应急救援人员。",
            "A small or micro enterprise with designated rescuers.",
            tuple(a.id for a in designated),
            branch=SMALL,
        )
    if designated and size is None:
        return _unknown(
            "未建立应急救援队伍，仅指定了应急救援人员；未登记企业规模（小型、微型企业可以"
            "指定兼职救援人员代替），请登记。",
            "No rescue team, designated rescuers only; record the SME class to decide (a "
            "small or micro enterprise may designate part-time rescuers instead).",
            tuple(a.id for a in designated),
            branch=SMALL,
        )
    if small or size is None:
        return _fail(
            f"应建立应急救援队伍，或（小型、微型企业）指定兼职的应急救援人员（{category}）；"
            "与其他救援队伍签订的协议不能代替。",
            f"A rescue team must be set up or, for a small or micro enterprise, part-time "
            f"rescuers be designated ({category}); an agreement with another team is no "
            "substitute.",
            branch=SMALL,
        )
    return _fail(
        f"应建立应急救援队伍（{category}）"
        + ("；仅小型、微型企业可以指定兼职救援人员代替" if designated else "")
        + "。",
        f"A rescue team must be set up ({category})"
        + (
            "; only a small or micro enterprise may designate rescuers instead"
            if designated
            else ""
        )
        + ".",
        tuple(a.id for a in designated),
        branch=TEAM,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-82.1",
        "82",
        Text("应急救援组织或兼职应急救援人员", "A rescue team or part-time rescuers"),
        Text(
            "危险物品生产、经营、储存、运输单位，矿山、金属冶炼、城市轨道交通运营、建筑施工单位，"
            "宾馆、商场、娱乐场所、旅游景区等人员密集场所经营单位（运输单位和人员密集场所为应急"
            "条例第十条所加）",
            "Dangerous-goods producers, traders, storers and carriers, mines, metal smelting, "
            "urban rail transit, construction, and operators of crowded venues (carriers and "
            "venues added by the Emergency Response Regulation art. 10)",
        ),
        Text(
            "建立应急救援队伍；小型、微型企业等规模较小的单位可以不建立，但应当指定兼职的应急救援"
            "人员（可另与邻近救援队伍签订救援协议，但协议不能代替）。",
            "Set up a rescue team; a small or micro enterprise may instead designate part-time "
            "rescuers (and may also sign an agreement with a nearby team, which is no substitute).",
        ),
        Severity.MAJOR,
        rescue,
        (
            RESCUE_CATEGORIES,
            RESCUE_SMALL_CLASSES,
            DRILL_CODES_PROVISIONAL,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        duty=EMERGENCY_RESCUE,
        article_text=ART_82,
    ),
)
