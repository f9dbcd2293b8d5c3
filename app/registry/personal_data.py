"""Personal data hidden inside other fields: ID numbers embedded in certificate numbers."""

from __future__ import annotations

import re

from app.core.validators import check_resident_id, mask_resident_id

# 17 digits and a check symbol, not inside a longer run of digits.
_EMBEDDED_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9X])")


def mask_embedded_id(number: str) -> str:
    """The certificate number with any resident ID number inside it masked.

    Assessment certificates are often numbered with the holder's ID number (special-operation
    certificates with `T` + the ID number), so the number in the clear would disclose what
    the people registry keeps encrypted."""

    def mask(match: re.Match[str]) -> str:
        found = match.group(0)
        return mask_resident_id(found) if check_resident_id(found).ok else found

    return _EMBEDDED_ID.sub(mask, number)
