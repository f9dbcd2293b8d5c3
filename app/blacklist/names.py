"""Company names reduced to a key that matches however a name was typed: full-width or
half-width forms, spaces and brackets, and the usual company suffixes make no difference.

The key is computed in Python and stored, so search behaves the same on both databases
(DESIGN §9).
"""

from __future__ import annotations

import re
import unicodedata

# Longest first: 股份有限公司 must not be cut as 有限公司 and leave 股份 behind.
COMPANY_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "公司",
)
_NOISE = re.compile(r"[\s()\[\]{}<>·・.,，。、'\"“”‘’\-_/]+")


def name_key(name: str) -> str:
    """The searchable form of a name: NFKC (full-width to half-width), lower case, no spaces
    or brackets, and without a trailing company suffix — unless nothing else would remain."""
    folded = _NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()
    for suffix in COMPANY_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            return folded[: -len(suffix)]
    return folded
