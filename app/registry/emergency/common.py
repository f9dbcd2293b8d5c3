"""What the emergency kinds share: their dates are of things done, never ahead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import clock
from app.registry.references import invalid


def not_in_future(state: Mapping[str, Any], *fields: str) -> None:
    today = clock.today()
    for field in fields:
        if state[field] is not None and state[field] > today:
            raise invalid(field, "must not be in the future", "in_future")
