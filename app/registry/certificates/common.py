"""What the certificate kinds share: the effective state of a write and date checks."""

from __future__ import annotations

from datetime import date

from app.core import clock
from app.registry.references import invalid


def not_in_future(field: str, day: date) -> None:
    if day > clock.today():
        raise invalid(field, "must not be in the future", "in_future")
