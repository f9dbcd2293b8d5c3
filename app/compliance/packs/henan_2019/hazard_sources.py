"""Art. 23 of pack `henan-2019`: major hazard sources registered and filed. The same
article's half-yearly drills are in drills.py; its half-yearly reports wait for a record
kind that holds them."""

from __future__ import annotations

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import MAJOR_HAZARD_SOURCES
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text


def filed(facts: Facts) -> Finding:
    """23.1: every major hazard source identified by the date is filed with the regulator
    by then. The regulation sets no period (it defers to 有关规定): a source is due from the
    day it is identified, as in the district pack."""
    sources = [s for s in facts.hazard_sources if s.identified_on <= facts.as_of]
    if not sources:
        return _na("未登记重大危险源。", "No major hazard source is recorded.")
    unfiled = [s for s in sources if s.filed_on is None or s.filed_on > facts.as_of]
    if unfiled:
        return _fail(
            f"{len(unfiled)}处重大危险源未报负有安全生产监督管理职责的部门备案。",
            f"{len(unfiled)} major hazard source(s) are not filed with the regulator.",
            tuple(s.id for s in unfiled),
            min(s.identified_on for s in unfiled),
        )
    return _pass(
        "重大危险源均已登记并备案。",
        "Every major hazard source is registered and filed.",
        tuple(s.id for s in sources),
    )


def filing_deadlines(facts: Facts) -> list[Deadline]:
    """Major hazard sources identified and not filed: due from identification (overdue)."""
    return [
        Deadline(
            s.identified_on,
            "hazard_source_filing_due",
            Text("重大危险源应备案", "Major hazard source to be filed"),
            s.id,
            concerns=("major-hazard-sources",),
        )
        for s in facts.hazard_sources
        if s.identified_on <= facts.as_of and s.filed_on is None
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-23.1",
        "23",
        Text("重大危险源登记备案", "Major hazard sources registered and filed"),
        Text("有重大危险源的单位", "Units with major hazard sources"),
        Text(
            "对每处重大危险源登记、建档，并将其安全措施、应急预案报监管部门备案。",
            "Register every major hazard source and file it, with its safety measures and "
            "emergency plan, with the regulator.",
        ),
        Severity.CRITICAL,
        filed,
        (),
        filing_deadlines,
        duty=MAJOR_HAZARD_SOURCES,
        article_text=Text(
            "第二十三条 生产经营单位应当按照国家规定落实重大危险源监测监控管理责任，并对重大危险源"
            "采取下列措施：（一）登记、建档、申报；……\n"
            "涉及重大危险源的生产经营单位……并按照有关规定将重大危险源及其有关安全措施、应急预案报"
            "负有安全生产监督管理职责的部门备案。",
            "Art. 23. Units shall carry out their duty to monitor major hazard sources as the "
            "state provides and take these measures for them: (1) register them, keep files on "
            "them and declare them; … Units with major hazard sources shall … file the sources "
            "with their safety measures and emergency plans with the departments responsible "
            "for work-safety supervision as the relevant provisions require.",
        ),
    ),
)
