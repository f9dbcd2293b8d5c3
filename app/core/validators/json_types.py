"""Numbers in JSON request bodies, accepted exactly as the contract declares them.

pydantic's lax mode reads `false` as 0 and `"3"` as 3, which the contract (`integer`) does
not allow; its strict mode refuses `3.0`, which JSON Schema counts as an integer. `JsonInt`
takes what the schema takes: a JSON number with no fractional part, never a boolean or a
string. A decimal may come as a number or as a string; `DecimalText` declares the string's
form, so that a generated client knows `"12.5"` from `"twelve"`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

_MANTISSA = r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
DECIMAL_TEXT_PATTERN = rf"^[+-]?{_MANTISSA}$"
# Bounded decimals say their sign in the pattern too (the bound itself is on the number
# branch): `"0"` is not a positive number of hours. The lookahead asks for a digit that is
# not 0 before any exponent.
NON_NEGATIVE_TEXT_PATTERN = rf"^\+?{_MANTISSA}$"
POSITIVE_TEXT_PATTERN = rf"^\+?(?=[0-9.]*[1-9]){_MANTISSA}$"


def _json_integer(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "Input should be a JSON integer")
    return value  # pydantic then takes 3 and 3.0, and refuses 3.5 (int_from_float)


# For an integer type declared elsewhere with its own bounds: Annotated[Grade, JSON_INTEGER].
JSON_INTEGER = BeforeValidator(_json_integer)
JsonInt = Annotated[int, JSON_INTEGER]


class DecimalText:
    """Declares the pattern of a decimal's string form in the JSON schema."""

    def __init__(self, pattern: str = DECIMAL_TEXT_PATTERN) -> None:
        self.pattern = pattern

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        for option in [schema, *schema.get("anyOf", [])]:
            if option.get("type") == "string":
                option["pattern"] = self.pattern
        return schema


PositiveJsonDecimal = Annotated[Decimal, DecimalText(POSITIVE_TEXT_PATTERN)]
NonNegativeJsonDecimal = Annotated[Decimal, DecimalText(NON_NEGATIVE_TEXT_PATTERN)]


def without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """`T | None`'s JSON schema as `T`'s (null and a null default removed), for a value that
    may be left out but not sent as null."""
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    if len(options) != 1:
        return schema
    rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
    return {**rest, **options[0]}
