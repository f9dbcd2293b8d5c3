"""Checks every kind makes on its references: the person belongs to this enterprise."""

from __future__ import annotations

from sqlalchemy import select

from app.core.errors import FieldError, Problem
from app.registry import errors
from app.registry.kinds import WriteContext
from app.registry.people.models import Person


def require_person(ctx: WriteContext, person_id: str, field: str) -> Person:
    """The living person `person_id` of the enterprise being written, or 422 naming `field`."""
    person = ctx.session.scalar(
        select(Person).where(
            Person.id == person_id,
            Person.enterprise_id == ctx.enterprise.id,
            Person.deleted_at.is_(None),
        )
    )
    if person is None:
        raise errors.UNKNOWN_PERSON.problem(
            f"{field}: no person {person_id} in this enterprise.",
            errors=[
                FieldError(field=f"body.{field}", message="unknown person", code="unknown_person")
            ],
        )
    return person


def invalid(field: str, message: str, code: str) -> Problem:
    """A 422 naming one body field."""
    return errors.INVALID_RECORD.problem(
        f"{field}: {message}.",
        errors=[FieldError(field=f"body.{field}", message=message, code=code)],
    )
