"""What the enterprise does among the activities national law names (arts. 24 and 27): the
declared category, else the one its industry code (GB/T 4754) falls in. Each rule then asks
whether that category is in its own list (art. 24's, art. 27 para 3's, order 3's)."""

from __future__ import annotations

from app.compliance.facts import Facts, derived
from app.compliance.packs.prc_2021.params import (
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
)
from app.enterprises.catalog import HighRiskCategory
from app.law.parameters import Parameter

_CATEGORIES = frozenset(HighRiskCategory)


def _by_prefix(code: str, table: dict[str, str]) -> str | None:
    for length in range(len(code), 2, -1):
        if (category := table.get(code[:length])) is not None:
            return category
    return None


@derived
def activity(facts: Facts) -> str | None:
    """The enterprise's category: what it declared wins (a chemicals trader coded F51 is
    still one); an enterprise that declared nothing is placed by its industry code."""
    declared = facts.enterprise.high_risk_category
    if declared is not None and declared in _CATEGORIES:
        return declared
    code = (facts.enterprise.industry_code or "").upper()
    return _by_prefix(code, facts.value(HIGH_RISK_CODES)) or _by_prefix(
        code, facts.value(HIGH_RISK_CODES_PROVISIONAL)
    )


def is_high_risk(facts: Facts) -> bool:
    """On art. 24's list: mines, metal smelting, construction, transport units, and units
    producing, trading, storing or loading/unloading dangerous goods."""
    return activity(facts) in facts.value(HIGH_RISK_CATEGORIES)


HIGH_RISK_PARAMETERS = (HIGH_RISK_CATEGORIES, HIGH_RISK_CODES, HIGH_RISK_CODES_PROVISIONAL)


def sector(facts: Facts, *extra_codes: Parameter[dict[str, str]]) -> str | None:
    """The enterprise's category for a duty whose list names sectors art. 24's code tables
    lack (fishing, urban rail, crowded venues): what it declared, else the longest code
    prefix across art. 24's tables and `extra_codes`."""
    declared = facts.enterprise.high_risk_category
    if declared is not None and declared in _CATEGORIES:
        return declared
    table: dict[str, str] = {}
    for codes in (HIGH_RISK_CODES_PROVISIONAL, HIGH_RISK_CODES, *extra_codes):
        found: dict[str, str] = facts.value(codes)
        table.update(found)
    return _by_prefix((facts.enterprise.industry_code or "").upper(), table)
