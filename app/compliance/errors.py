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
DRAFT_PARAMETER_UNKNOWN = COMPLIANCE.error(
    422,
    "draft_parameter_unknown",
    "Not a parameter of the drafted pack",
    "A draft names a legal value its pack does not own (values several packs share, such "
    "as the GBZ 188 edition, belong to no pack's draft).",
)
DRAFT_VALUE_INVALID = COMPLIANCE.error(
    422,
    "draft_value_invalid",
    "Drafted value of the wrong shape",
    "A drafted value must have the shape of the values it succeeds: a whole number for a "
    "threshold, a list of categories for a set of them, and so on.",
)
