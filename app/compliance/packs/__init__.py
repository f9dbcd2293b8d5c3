"""The rule packs Anxin ships, by id: every package here that exports a `PACK`.

Adding a pack is adding one package: nothing outside this folder names a pack or a rule.
"""

from __future__ import annotations

import importlib
import pkgutil

from app.compliance.errors import UNKNOWN_PACK
from app.compliance.rules import Pack


def discover(path: list[str] | None = None, prefix: str = __name__ + ".") -> dict[str, Pack]:
    """The packs exported by the packages on `path` (this folder's by default), by id."""
    found: dict[str, Pack] = {}
    for module in pkgutil.iter_modules(path if path is not None else __path__, prefix):
        if not module.ispkg:
            continue
        pack = getattr(importlib.import_module(module.name), "PACK", None)
        if isinstance(pack, Pack):
            if pack.id in found:
                raise ValueError(f"two packs have the id {pack.id}")
            found[pack.id] = pack
    return dict(sorted(found.items(), key=lambda item: item[1].jurisdiction))


PACKS: dict[str, Pack] = discover()


def pack_or_404(pack_id: str) -> Pack:
    pack = PACKS.get(pack_id)
    if pack is None:
        raise UNKNOWN_PACK.problem(f"No rule pack {pack_id}.")
    return pack
