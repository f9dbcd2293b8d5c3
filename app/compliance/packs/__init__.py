"""The rule packs Anxin ships, by id."""

from __future__ import annotations

from app.compliance.errors import UNKNOWN_PACK
from app.compliance.packs.huiji_2014 import HUIJI_2014
from app.compliance.rules import Pack

PACKS: dict[str, Pack] = {pack.id: pack for pack in (HUIJI_2014,)}
DEFAULT_PACK = HUIJI_2014.id


def pack_or_404(pack_id: str) -> Pack:
    pack = PACKS.get(pack_id)
    if pack is None:
        raise UNKNOWN_PACK.problem(f"No rule pack {pack_id}.")
    return pack
