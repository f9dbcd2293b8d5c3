"""Free text that is trimmed, with the bounds the contract declares applied as sent.

pydantic's `strip_whitespace` trims before it measures, so `"   "` met `minLength: 1` in the
contract and was refused by the server. Here the declared length and a declared pattern
(`NOT_BLANK`: at least one character that trimming keeps) are checked on the text as sent,
exactly as a generated client checks them, and the text is trimmed after.
"""

from __future__ import annotations

from pydantic import AfterValidator

# One character that `str.strip()` keeps: the complement of Python's whitespace, spelled out
# so that JSON Schema (ECMA-262) and Python read it alike (their `\s` differ).
NOT_BLANK = r"[^\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
TRIMMED = AfterValidator(str.strip)
