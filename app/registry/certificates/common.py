"""What the certificate kinds share: the effective state of a write and date checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from app.core import clock
from app.registry.references import invalid


def effective(
    data: Mapping[str, Any], current: object | None, names: Iterable[str], required: Iterable[str]
) -> dict[str, Any]:
    """The record's state after this write: the input over the current values (a PATCH sends
    only what changes), so that rules between fields are checked on the whole record.
    A required field cannot be removed with an explicit null."""
    for name in required:
        if name in data and data[name] is None:
            raise invalid(name, "cannot be removed", "missing")
    return {name: data[name] if name in data else getattr(current, name, None) for name in names}


def changed(data: Mapping[str, Any], state: Mapping[str, Any]) -> dict[str, Any]:
    """The column values to write: the fields the input carried."""
    return {name: state[name] for name in data if name in state}


def not_in_future(field: str, day: date) -> None:
    if day > clock.today():
        raise invalid(field, "must not be in the future", "in_future")


def blame(data: Mapping[str, Any], field: str, other: str) -> str:
    """Which of two fields an error between them names: `field`, unless only `other` was
    sent in this write (a PATCH of the issue date that breaks the stored expiry)."""
    return other if other in data and field not in data else field
