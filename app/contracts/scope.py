"""What a contract's scope may name: the registry's record kinds, by their path."""

from __future__ import annotations

from typing import Final

from app.registry.router import RECORD_KINDS

RECORD_KIND_NAMES: Final = tuple(kind.path for kind in RECORD_KINDS)


def encode(kinds: list[str]) -> str:
    """`,people,training-sessions,`: one `LIKE '%,kind,%'` finds a kind on both databases."""
    return "," + ",".join(sorted(set(kinds))) + "," if kinds else ","


def decode(stored: str) -> list[str]:
    return [kind for kind in stored.split(",") if kind]
