"""The problems of compliance: rule packs and what is asked of them."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

COMPLIANCE = ErrorDomain("compliance")

UNKNOWN_PACK = COMPLIANCE.error(
    404, "unknown_pack", "Unknown rule pack", "No rule pack ships under this id."
)
UNKNOWN_RULE = COMPLIANCE.error(
    422, "unknown_rule", "Unknown rule", "The rule pack has no rule of this id."
)
WHAT_IF_BACKWARDS = COMPLIANCE.error(
    422,
    "what_if_backwards",
    "What-if runs forward",
    "A what-if compares a date with a later one: `as_of` must not be before `from`.",
)
