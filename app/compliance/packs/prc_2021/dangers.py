"""Arts. 40 and 41 of pack `prc-2021`: major hazard sources filed; hidden dangers fixed by
their deadlines, and major ones reported. Art. 41 para 2 holds two duties — remedy (消除) and
report (报告) — that every other layer keeps apart, so they are two rules (decision 107)."""

from __future__ import annotations

from app.compliance.packs.common_duties import (
    HIDDEN_DANGERS_FIXED,
    HIDDEN_DANGERS_REPORTED,
    MAJOR_HAZARD_SOURCES,
)
from app.compliance.packs.hidden_dangers import (
    deadline_deadlines,
    fixed_by_deadline,
    major_danger_deadlines,
    major_reported,
)
from app.compliance.packs.major_hazard_sources import filing_deadlines, hazard_sources_filed
from app.compliance.packs.prc_2021.params import LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS, latest
from app.compliance.packs.prc_2021.quotes import ART_40_2, ART_41_2
from app.compliance.rules import Rule, Severity, Text

RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-40.1",
        "40",
        Text("重大危险源登记备案", "Major hazard sources filed"),
        Text("有重大危险源的单位", "Units with major hazard sources"),
        Text(
            "将每处重大危险源及有关安全措施、应急措施报应急管理部门和有关部门备案。",
            "File every major hazard source, with its safety and emergency measures, with the "
            "emergency management department.",
        ),
        Severity.CRITICAL,
        hazard_sources_filed,
        (),
        filing_deadlines,
        duty=MAJOR_HAZARD_SOURCES,
        article_text=ART_40_2,
    ),
    Rule(
        "PRC2021-41.1",
        "41",
        Text("事故隐患按期消除", "Hidden dangers fixed by their deadlines"),
        Text("有未整改隐患的单位", "Units with unresolved hidden dangers"),
        Text(
            "及时消除事故隐患，不超过整改时限。",
            "Remove hidden dangers promptly, within their deadlines.",
        ),
        Severity.CRITICAL,  # a major hidden danger overdue; a general one only: major
        fixed_by_deadline,
        (),
        deadline_deadlines,
        duty=HIDDEN_DANGERS_FIXED,
        article_text=ART_41_2,
    ),
    Rule(
        "PRC2021-41.2",
        "41",
        Text("重大事故隐患报告", "Major hidden dangers reported"),
        Text(
            f"近{latest(LOOK_BACK_MONTHS)}个月有重大事故隐患的单位",
            f"Units with a major hidden danger in the last {latest(LOOK_BACK_MONTHS)} months",
        ),
        Text(
            f"重大事故隐患发现后及时（{latest(MAJOR_REPORT_DAYS)}日内）报告负有安全生产监督管理"
            "职责的部门。",
            "Report a major hidden danger to the safety regulator promptly (within "
            f"{latest(MAJOR_REPORT_DAYS)} days).",
        ),
        Severity.CRITICAL,
        major_reported(LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        (LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        major_danger_deadlines(LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        duty=HIDDEN_DANGERS_REPORTED,
        article_text=ART_41_2,
    ),
)
