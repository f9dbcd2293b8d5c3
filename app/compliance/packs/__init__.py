"""The rule packs Anxin ships, by id."""

from __future__ import annotations

from app.compliance.model import Pack
from app.compliance.packs.huiji_2014 import HUIJI_2014

PACKS: dict[str, Pack] = {pack.id: pack for pack in (HUIJI_2014,)}
