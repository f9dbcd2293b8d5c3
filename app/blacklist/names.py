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
        if folded.endswith(suffix):
            return folded[: -len(suffix)] if len(folded) > len(suffix) else folded
    return folded


def bigrams(key: str) -> frozenset[str]:
    """Character pairs of a name key (the key itself when shorter than two characters)."""
    return (
        frozenset(key[i : i + 2] for i in range(len(key) - 1)) if len(key) > 1 else frozenset({key})
    )


def similarity(query: str, query_pairs: frozenset[str], key: str, pairs: frozenset[str]) -> float:
    """How well the name with key `key` answers the query, from 0 to 1.

    The same key is 1; a name containing the whole query ranks next (the closer in length,
    the higher, 0.7 to 0.95); otherwise the Dice coefficient of character pairs, which
    forgives a character missing, added or changed, scaled below the containment scores.
    """
    if not query or not key:
        return 0.0
    if query == key:
        return 1.0
    if query in key:
        return 0.7 + 0.25 * len(query) / len(key)
    shared = len(query_pairs & pairs)
    return 0.7 * 2 * shared / (len(query_pairs) + len(pairs))
