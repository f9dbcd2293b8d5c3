"""The hidden-danger lifecycle (open → fixing → fixed → verified) and the report upward."""

from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import INVALID_TRANSITION
from app.registry import errors, service
from app.registry.catalog import DangerLevel, DangerStatus
from app.registry.dangers.kind import HIDDEN_DANGERS, missing_fields
from app.registry.dangers.models import HiddenDanger
from app.registry.kinds import WriteContext
from app.registry.references import invalid, require_person


def _require_status(danger: HiddenDanger, expected: DangerStatus, action: str) -> None:
    if danger.status != expected.value:
        raise INVALID_TRANSITION.problem(
            f"Cannot {action} a hidden danger that is {danger.status}; it must be {expected.value}."
        )


def start(ctx: WriteContext, danger: HiddenDanger) -> HiddenDanger:
    """Start remediation: only once all five fields (五到位) are filled in."""
    _require_status(danger, DangerStatus.OPEN, "start fixing")
    missing = missing_fields(danger)
    if missing:
        raise errors.FIVE_FIELDS_MISSING.problem(
            f"Fill in the five remediation fields first: {', '.join(missing)} missing."
        )
    return service.transition(
        ctx, HIDDEN_DANGERS, danger, {"status": DangerStatus.FIXING.value}, "start"
    )


def fix(ctx: WriteContext, danger: HiddenDanger, fixed_on: date | None) -> HiddenDanger:
    _require_status(danger, DangerStatus.FIXING, "mark fixed")
    day = fixed_on or clock.today()
    if day < danger.found_on or day > clock.today():
        raise invalid("fixed_on", "must fall between the day it was found and today", "date_order")
    values = {"status": DangerStatus.FIXED.value, "fixed_on": day}
    return service.transition(ctx, HIDDEN_DANGERS, danger, values, "fix")


def verify(
    ctx: WriteContext,
    danger: HiddenDanger,
    verified_on: date | None,
    verifier_person_id: str | None,
    external_verifier: str | None,
) -> HiddenDanger:
    """Accept the fix. The seed asks for an evaluation by professionals: the verifier is
    never the person responsible for the fix."""
    _require_status(danger, DangerStatus.FIXED, "verify")
    if (verifier_person_id is None) == (external_verifier is None):
        raise invalid(
            "verifier_person_id",
            "name exactly one verifier: a person or an outside expert",
            "verifier",
        )
    if verifier_person_id is not None:
        require_person(ctx, verifier_person_id, "verifier_person_id")
        if verifier_person_id == danger.responsible_person_id:
            raise invalid(
                "verifier_person_id",
                "the verifier must not be the person responsible",
                "verifier_is_responsible",
            )
    day = verified_on or clock.today()
    if (danger.fixed_on is not None and day < danger.fixed_on) or day > clock.today():
        raise invalid("verified_on", "must fall between the fix and today", "date_order")
    values = {
        "status": DangerStatus.VERIFIED.value,
        "verified_on": day,
        "verifier_person_id": verifier_person_id,
        "external_verifier": external_verifier,
    }
    return service.transition(ctx, HIDDEN_DANGERS, danger, values, "verify")


def report(ctx: WriteContext, danger: HiddenDanger) -> HiddenDanger:
    """Report a major hidden danger to the regulator of the enterprise's region (art. 5):
    an explicit act with its own time, which rule HJ2014-5.1 checks."""
    if danger.level != DangerLevel.MAJOR.value:
        raise errors.NOT_MAJOR.problem("Only major hidden dangers are reported.")
    if danger.reported_at is not None:
        raise errors.ALREADY_REPORTED.problem("This hidden danger was reported already.")
    return service.transition(ctx, HIDDEN_DANGERS, danger, {"reported_at": clock.now()}, "report")
