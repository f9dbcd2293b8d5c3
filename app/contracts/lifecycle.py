"""When a contract is in force: one answer for access, the portfolio and art. 17."""

from __future__ import annotations

from datetime import date

from app.contracts.models import ServiceContract


def in_force_on(contract: ServiceContract, day: date) -> bool:
    """Did the contract bind its parties on `day`? From the later of its start and its
    acceptance to its last day, unless ended before (the end day itself no longer counts:
    ending takes effect at once)."""
    if contract.status not in ("active", "ended") or contract.accepted_on is None:
        return False
    if contract.ended_on is not None and day >= contract.ended_on:
        return False
    return max(contract.valid_from, contract.accepted_on) <= day <= contract.valid_to
