"""Opaque, prefixed, time-ordered identifiers (`ent_01j9…`), never sequential integers.

26 Crockford base32 characters: 48 bits of milliseconds then 80 random bits, so ids sort by
creation time (good index locality, stable keyset pagination) and reveal no counts.

The random bits come from the OS's CSPRNG, read ahead in blocks: one `getrandom` call per
id cost more than the rest of making it, and on a busy event loop each such call lets a
background thread take the interpreter lock (measured on blacklist lookups, which make a
receipt id each: 11 % of the loop's samples).
"""

from __future__ import annotations

import os
import re
import threading

from app.core import clock

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_BODY_LENGTH = 26
PREFIX_PATTERN = re.compile(r"^[a-z]{2,8}$")


_RANDOM_BYTES = 10  # 80 bits
# The body is written two characters (10 bits) at a time, most significant first.
_PAIRS = [high + low for high in _ALPHABET for low in _ALPHABET]
_PAIR_SHIFTS = range(_BODY_LENGTH * 5 - 10, -1, -10)


class _RandomBlocks:
    """80-bit random numbers sliced from blocks of `os.urandom`; thread-safe, and emptied in
    a forked child so that worker processes never share bytes."""

    BLOCK = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._block = b""
        self._offset = 0
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._block, self._offset = b"", 0

    def take(self) -> int:
        with self._lock:
            start = self._offset
            if start + _RANDOM_BYTES > len(self._block):
                self._block, start = os.urandom(self.BLOCK), 0
            self._offset = start + _RANDOM_BYTES
            return int.from_bytes(self._block[start : start + _RANDOM_BYTES], "big")


_random = _RandomBlocks()


def new_id(prefix: str) -> str:
    """A new id with the given type prefix, e.g. `new_id("ent")` → `ent_01j9zq…`."""
    if not PREFIX_PATTERN.match(prefix):
        raise ValueError(f"bad id prefix {prefix!r}")
    millis = int(clock.now().timestamp() * 1000)
    value = (millis << 80) | _random.take()
    return f"{prefix}_{''.join([_PAIRS[(value >> shift) & 1023] for shift in _PAIR_SHIFTS])}"


def id_pattern(prefix: str) -> str:
    """Regular expression matching ids of one prefix, for path parameter validation."""
    return rf"^{prefix}_[{_ALPHABET}]{{{_BODY_LENGTH}}}$"


def is_id(value: str, prefix: str) -> bool:
    return re.match(id_pattern(prefix), value) is not None
