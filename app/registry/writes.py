"""What every kind's validation shares: the state a write leads to, and which field to blame."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from app.registry.base import RegistryRecord
from app.registry.kinds import WriteContext
from app.registry.references import invalid


def effective(
    data: Mapping[str, Any], current: object | None, names: Iterable[str], required: Iterable[str]
) -> dict[str, Any]:
    """The record's state after this write: the input over the current values (a PATCH sends
    only what changes), so that rules between fields are checked on the whole record.
    A required field cannot be removed with an explicit null. Enum members become their
    plain codes, so that columns, snapshots and comparisons see the same strings."""
    for name in required:
        if name in data and data[name] is None:
            raise invalid(name, "cannot be removed", "missing")
    state = {name: data[name] if name in data else getattr(current, name, None) for name in names}
    return {name: getattr(value, "value", value) for name, value in state.items()}


def changed(data: Mapping[str, Any], state: Mapping[str, Any]) -> dict[str, Any]:
    """The column values to write: the fields the input carried."""
    return {name: state[name] for name in data if name in state}


def blame(data: Mapping[str, Any], field: str, other: str) -> str:
    """Which of two fields an error between them names: `field`, unless only `other` was
    sent in this write (a PATCH of one date that breaks the stored other)."""
    return other if other in data and field not in data else field


def living_duplicate(
    ctx: WriteContext, model: type[RegistryRecord], current: RegistryRecord | None, **equal: Any
) -> str | None:
    """The id of another living record of this enterprise whose columns equal `equal`."""
    statement = select(model.id).where(
        model.enterprise_id == ctx.enterprise.id,
        model.deleted_at.is_(None),
        *(getattr(model, column) == value for column, value in equal.items()),
    )
    if current is not None:
        statement = statement.where(model.id != current.id)
    return ctx.session.scalar(statement.limit(1))
