"""Hazard factors as the API shows them (a list) and as the tables store them (one string)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, literal
from sqlalchemy.orm import InstrumentedAttribute

from app.registry.catalog import HazardFactor


def encode(factors: Iterable[HazardFactor | str]) -> str:
    """Space-separated, in the order given, each factor once."""
    return " ".join(dict.fromkeys(str(factor) for factor in factors))


def decode(stored: str) -> list[HazardFactor]:
    return [HazardFactor(value) for value in stored.split()]


def covers(column: InstrumentedAttribute[str], factor: HazardFactor) -> ColumnElement[bool]:
    """The stored list holds `factor`. Padding with spaces keeps `noise` from matching inside
    another value; escaping keeps the underscores of values from acting as wildcards."""
    padded = literal(" ") + column + literal(" ")
    return padded.contains(f" {factor.value} ", autoescape=True)
