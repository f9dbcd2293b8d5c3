"""Art. 17's high-risk status: the declared category, else the industry code (GB/T 4754)."""

from __future__ import annotations

from app.compliance.facts import Facts, derived
from app.compliance.packs.huiji_2014.params import (
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
)


def _by_prefix(code: str, table: dict[str, str]) -> str | None:
    for length in range(len(code), 2, -1):
        if (category := table.get(code[:length])) is not None:
            return category
    return None


@derived
def high_risk_category(facts: Facts) -> str | None:
    """The enterprise's high-risk category, or None: what it declared wins (a chemicals
    trader coded F51 is still a hazardous-chemicals enterprise); an enterprise that
    declared nothing is placed by its industry code (an E47 builder is construction)."""
    declared = facts.enterprise.high_risk_category
    if declared is not None and declared in facts.value(HIGH_RISK_CATEGORIES):
        return declared
    code = (facts.enterprise.industry_code or "").upper()
    return _by_prefix(code, facts.value(HIGH_RISK_CODES)) or _by_prefix(
        code, facts.value(HIGH_RISK_CODES_PROVISIONAL)
    )


def is_high_risk(facts: Facts) -> bool:
    return high_risk_category(facts) is not None
