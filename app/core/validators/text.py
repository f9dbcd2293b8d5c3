"""Free text that is trimmed, with the bounds the contract declares applied as sent.

pydantic's `strip_whitespace` trims before it measures, so `"   "` met `minLength: 1` in the
contract and was refused by the server. Here the declared length is checked on the text as
sent, exactly as a generated client checks it; `NOT_BLANK` refuses text that trimming would
empty and declares that as a pattern (one character that trimming keeps); then the text is
trimmed.
"""

from __future__ import annotations

from typing import Any

from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

# One character that `str.strip()` keeps: the complement of Python's whitespace, spelled out
# so that JSON Schema (ECMA-262) and Python read it alike (their `\s` differ).
NOT_BLANK_PATTERN = (
    r"[^\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def _not_blank(value: str) -> str:
    if not value.strip():
        # The code of the length check it replaces: blank text is text of no length.
        raise PydanticCustomError(
            "string_too_short", "Text should have at least 1 character that is not a space"
        )
    return value


class _NotBlank:
    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_not_blank, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = NOT_BLANK_PATTERN
        return json_schema


NOT_BLANK = _NotBlank()
TRIMMED = AfterValidator(str.strip)
