"""Major hazard sources (重大危险源) filed with the regulator: the district's 23.2 and national
law's art. 40 para 2 judge them alike."""

from __future__ import annotations

from app.compliance.facts import Facts
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Text


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


def hazard_sources_filed(facts: Facts) -> Finding:
    """Every major hazard source identified by the date is filed with the regulator."""
    sources = [s for s in facts.hazard_sources if s.identified_on <= facts.as_of]
    if not sources:
        return _na("未登记重大危险源。", "No major hazard source is recorded.")
    unfiled = [s for s in sources if s.filed_on is None or s.filed_on > facts.as_of]
    if unfiled:
        return _fail(
            f"{len(unfiled)}处重大危险源未报监管部门备案。",
            f"{len(unfiled)} major hazard source(s) are not filed with the regulator.",
            tuple(s.id for s in unfiled),
            min(s.identified_on for s in unfiled),  # no grace period (the seed; law art. 40)
        )
    return _pass(
        "重大危险源均已备案。",
        "Every major hazard source is filed.",
        tuple(s.id for s in sources),
    )
