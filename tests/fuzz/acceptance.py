"""`positive_data_acceptance`, less what no schema can say.

The contract declares every constraint JSON Schema can express (types, patterns, lengths,
ranges, required fields and headers), and a valid request refused for one of those is the
contract under-declaring: that stays a failure. Some rules are beyond a schema: a credit
code's check character (GB 32100), a date that must follow another, a region that must
exist. The server answers them with 422 and a code of its own (`invalid_credit_code`…) or,
from a validator, pydantic's `value_error`; a valid-looking request refused that way is
the server doing its job.
"""

from __future__ import annotations

from typing import Any

from schemathesis.checks import CheckContext
from schemathesis.specs.openapi.checks import RejectedPositiveData, positive_data_acceptance

# Field errors that come from a rule, not from a constraint the schema could declare.
RULE_ERRORS = {"value_error", "assertion_error"}


def beyond_the_schema(problem: dict[str, Any]) -> bool:
    if problem.get("code") != "validation_failed":
        return True  # a domain code: the server's own rule
    return all(error.get("code") in RULE_ERRORS for error in problem.get("errors", []))


def valid_data_accepted(ctx: CheckContext, response: Any, case: Any) -> bool | None:
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 422 and beyond_the_schema(response.json()):
            return None
        raise
