"""Which packs judge an enterprise on a date: every pack whose jurisdiction (a region
subtree) contains the enterprise's region and whose period covers the date (packs-next.md,
"Layering"). National law first, the most local last; the levels of the enterprise's region
with no pack in force are named, so a report can say which layers are absent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.compliance.packs import PACKS
from app.compliance.rules import Pack
from app.regions.containment import NATIONAL_ROOT, ancestors, level

_LEVELS = ("national", "province", "prefecture", "county", "town", "village")


@dataclass(frozen=True)
class Layer:
    """One level of an enterprise's region (national, province, prefecture, county, town)
    and the packs with that level as their jurisdiction."""

    region: str
    level: str
    packs: tuple[Pack, ...]  # in force on the date
    not_in_force: tuple[Pack, ...]  # whose period does not cover the date


@dataclass(frozen=True)
class Stack:
    packs: tuple[Pack, ...]  # broadest jurisdiction first
    layers: tuple[Layer, ...] = ()


def levels(region: str | None) -> list[tuple[str, str]]:
    """The division codes from the national root down to `region`, each with its level
    (app/regions/containment.py reads them from the codes' structure)."""
    return [(code, _LEVELS[level(code)]) for code in ancestors(region or NATIONAL_ROOT)]


def stack_for(region: str | None, day: date, packs: Iterable[Pack] | None = None) -> Stack:
    """The packs judging an enterprise in `region` on `day`, with every level's layer."""
    known = tuple(PACKS.values() if packs is None else packs)
    layers = tuple(
        Layer(
            code,
            level,
            tuple(p for p in known if p.jurisdiction == code and p.in_force_on(day)),
            tuple(p for p in known if p.jurisdiction == code and not p.in_force_on(day)),
        )
        for code, level in levels(region)
    )
    return Stack(tuple(p for layer in layers for p in layer.packs), layers)


def alone(pack: Pack) -> Stack:
    """One pack, wherever the enterprise is (`?pack=`): a pack not in force on the date
    says so in each finding."""
    return Stack((pack,))
