"""Art. 14's high-risk units: the declared category, else the industry code (GB/T 4754), else
a recorded major hazard source (使用危险物品的数量构成重大危险源的单位)."""

from __future__ import annotations

from typing import Final

from app.compliance.facts import Facts, derived
from app.compliance.packs.henan_2019.params import (
    ENGINEER_CATEGORIES,
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
)
from app.law.parameters import Parameter

# Not a declared category: the registry shows the unit holds dangerous goods in major-hazard
# quantities, whatever it declared.
MAJOR_HAZARD_SOURCE: Final = "major_hazard_source"

# What the rules that use the lists may read, for their catalogue entries.
HIGH_RISK_PARAMETERS: Final = (HIGH_RISK_CATEGORIES, HIGH_RISK_CODES, HIGH_RISK_CODES_PROVISIONAL)
ENGINEER_PARAMETERS: Final = (ENGINEER_CATEGORIES, HIGH_RISK_CODES, HIGH_RISK_CODES_PROVISIONAL)


def _by_prefix(code: str, table: dict[str, str]) -> str | None:
    for length in range(len(code), 2, -1):
        if (category := table.get(code[:length])) is not None:
            return category
    return None


def listed_category(facts: Facts, categories: Parameter[frozenset[str]]) -> str | None:
    """What the declaration wins (a chemicals trader coded F51 still trades dangerous
    goods), else what the industry code says, within `categories`."""
    listed = facts.value(categories)
    declared = facts.enterprise.high_risk_category
    if declared is not None and declared in listed:
        return declared
    code = (facts.enterprise.industry_code or "").upper()
    by_code = _by_prefix(code, facts.value(HIGH_RISK_CODES)) or _by_prefix(
        code, facts.value(HIGH_RISK_CODES_PROVISIONAL)
    )
    if by_code is not None and by_code in listed:
        return by_code
    return None


def _category(facts: Facts, categories: Parameter[frozenset[str]]) -> str | None:
    """The listed category (`listed_category`), else a major hazard source recorded by the
    date."""
    if (category := listed_category(facts, categories)) is not None:
        return category
    if any(s.identified_on <= facts.as_of for s in facts.hazard_sources):
        return MAJOR_HAZARD_SOURCE
    return None


@derived
def high_risk_category(facts: Facts) -> str | None:
    """The unit's art. 14 para 1 category (also arts. 17 and 55(2)), or None."""
    return _category(facts, HIGH_RISK_CATEGORIES)


@derived
def engineer_category(facts: Facts) -> str | None:
    """The unit's art. 14 para 3 category (the same list less road transport), or None."""
    return _category(facts, ENGINEER_CATEGORIES)


def is_high_risk(facts: Facts) -> bool:
    return high_risk_category(facts) is not None
