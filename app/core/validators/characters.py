"""Text a database can store: no NUL and no unpaired surrogate, the same on every database.

PostgreSQL's `text` cannot hold U+0000, and a surrogate code point (U+D800–U+DFFF) has no
UTF-8 encoding, so neither PostgreSQL nor SQLite (nor a UTF-8 JSON answer) can take it. JSON
input produces both easily (`"\\u0000"`, a lone `"\\ud800"`); a Python `str` holds a
surrogate only when it is unpaired (the JSON decoder joins a valid pair into one character).
Every other code point is stored and returned as sent (docs/decisions.md, 52).
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\\x00\\ud800-\\udfff]")
REFUSED_CHARACTERS = "NUL (U+0000) and unpaired surrogates (U+D800–U+DFFF)"


def unstorable_at(text: str) -> int | None:
    """The position of the first character no database can store, or None."""
    found = _UNSTORABLE.search(text)
    return None if found is None else found.start()


def is_storable(text: str) -> bool:
    return _UNSTORABLE.search(text) is None


def shown(text: str) -> str:
    """`text` safe to put in an answer or a log: each refused character as `\\uXXXX`."""
    return _UNSTORABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def unstorable_message(text: str) -> str | None:
    """Why `text` cannot be accepted, for people; None when it can."""
    position = unstorable_at(text)
    if position is None:
        return None
    return (
        f"Contains U+{ord(text[position]):04X} at character {position + 1}; text cannot hold "
        f"{REFUSED_CHARACTERS}."
    )
