"""`positive_data_acceptance`, less what no schema can say.

The contract declares every constraint JSON Schema can express (types, patterns, lengths,
ranges, required fields and headers), and a valid request refused for one of those is the
contract under-declaring: that stays a failure. Some rules are beyond a schema: a credit
code's check character (GB 32100), a date that must follow another, a region that must
exist. The server answers them with 422 and a code of its own (`invalid_credit_code`…) or,
from a validator, pydantic's `value_error`; a valid-looking request refused that way is
the server doing its job. So is the OAuth token endpoint's 400, which RFC 6749 prescribes
for a grant's own requirements.
"""

from __future__ import annotations

from typing import Any

from schemathesis.checks import CheckContext
from schemathesis.specs.openapi.checks import RejectedPositiveData, positive_data_acceptance

# pydantic's error types for what JSON Schema can declare: a type, a format, a pattern, a
# length, a range, an enum, a required or forbidden property. A positive case refused with
# one of these is the contract under-declaring; any other code is a rule of the server's
# (`date_out_of_range`, `invalid_credit_code`, a validator's `value_error` …).
SCHEMA_ERRORS = {
    "missing",
    "extra_forbidden",
    "json_invalid",
    "json_type",
    "string_type",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
    "int_type",
    "int_parsing",
    "int_from_float",
    "bool_type",
    "bool_parsing",
    "float_type",
    "float_parsing",
    "decimal_type",
    "decimal_parsing",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "multiple_of",
    "enum",
    "literal_error",
    "list_type",
    "dict_type",
    "model_type",
    "too_short",
    "too_long",
    "date_type",
    "date_parsing",
    "date_format",
    "datetime_type",
    "datetime_parsing",
}


def beyond_the_schema(problem: dict[str, Any]) -> bool:
    """A problem with a code of the domain's (`region_required`: a regulator needs a region)
    states a rule, even when its field error says `missing`: a requirement that holds only
    with another field's value. Under `validation_failed`, a schema-level error type means the
    contract did not declare what the server checked."""
    if problem.get("code") != "validation_failed":
        return True
    return not any(error.get("code") in SCHEMA_ERRORS for error in problem.get("errors", []))


def oauth_error(response: Any) -> bool:
    """RFC 6749 §5.2: the token endpoint answers a request that is well formed but wrong for
    its grant (a password grant without a password) with 400 and an `error` code."""
    if response.status_code != 400:
        return False
    body = response.json()
    return isinstance(body, dict) and isinstance(body.get("error"), str)


def valid_data_accepted(ctx: CheckContext, response: Any, case: Any) -> bool | None:
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 422 and beyond_the_schema(response.json()):
            return None
        if oauth_error(response):
            return None
        raise
