"""Opaque, prefixed, time-ordered identifiers (`ent_01j9…`), never sequential integers.

26 Crockford base32 characters: 48 bits of milliseconds then 80 random bits, so ids sort by
creation time (good index locality, stable keyset pagination) and reveal no counts.
"""

from __future__ import annotations

import re
import secrets

from app.core import clock

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_BODY_LENGTH = 26
PREFIX_PATTERN = re.compile(r"^[a-z]{2,8}$")


def new_id(prefix: str) -> str:
    """A new id with the given type prefix, e.g. `new_id("ent")` → `ent_01j9zq…`."""
    if not PREFIX_PATTERN.match(prefix):
        raise ValueError(f"bad id prefix {prefix!r}")
    millis = int(clock.now().timestamp() * 1000)
    value = (millis << 80) | secrets.randbits(80)
    chars = []
    for _ in range(_BODY_LENGTH):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return f"{prefix}_{''.join(reversed(chars))}"


def id_pattern(prefix: str) -> str:
    """Regular expression matching ids of one prefix, for path parameter validation."""
    return rf"^{prefix}_[{_ALPHABET}]{{{_BODY_LENGTH}}}$"


def is_id(value: str, prefix: str) -> bool:
    return re.match(id_pattern(prefix), value) is not None
