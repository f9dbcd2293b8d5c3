"""Canonical form of typed or pasted identifier codes (credit codes, ID numbers) before checking."""

from __future__ import annotations

# Full-width ASCII forms U+FF01..U+FF5E sit exactly 0xFEE0 above their half-width twins; Chinese
# input methods produce them readily. Lower-case letters (both widths) go straight to upper case.
# Only ASCII letters are upper-cased: str.upper() would also turn characters such as the
# ligature "ﬀ" into "FF" and so make a valid-looking code out of an invalid one.
_TRANSLATION: dict[int, int] = {
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    **{code: code - 0x20 for code in range(ord("a"), ord("z") + 1)},
    **{code: code - 0xFEE0 - 0x20 for code in range(0xFF41, 0xFF5B)},
}


def normalize_code(raw: str) -> str:
    """Normalize an identifier code: full-width to half-width, whitespace removed, upper case.

    Whitespace is anything `str.split()` treats as such, which includes the ideographic space
    U+3000 and no-break spaces. Other characters are kept, so the checker can reject them.
    """
    return "".join(raw.translate(_TRANSLATION).split())
