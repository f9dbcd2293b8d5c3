"""Yearly safety commitments (安全承诺, art. 21) as a record kind, and their publication."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.core.errors import Conflict
from app.registry import service
from app.registry.commitments.models import SafetyCommitment
from app.registry.commitments.schemas import (
    SafetyCommitmentFilters,
    SafetyCommitmentIn,
    SafetyCommitmentOut,
    SafetyCommitmentPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid, require_person

_FIELDS = ("year", "items", "signed_by_person_id", "signed_on", "published_on")
_REQUIRED = ("year", "items")
FIRST_YEAR = 2014  # the seed's year


def _blame(data: Mapping[str, Any], field: str, other: str) -> str:
    """The field an error between two fields names: `other` if only it was sent (a PATCH of
    the year that leaves the stored signing day outside the new year's window)."""
    return other if other in data and field not in data else field


def signing_window(year: int) -> tuple[date, date]:
    """A commitment for a year may be signed from three months before it until its end."""
    return date(year - 1, 10, 1), date(year, 12, 31)


def _check_dates(data: Mapping[str, Any], state: Mapping[str, Any]) -> None:
    today = clock.today()
    year, signer, signed_on = state["year"], state["signed_by_person_id"], state["signed_on"]
    if not FIRST_YEAR <= year <= today.year + 1:
        raise invalid("year", f"must be between {FIRST_YEAR} and {today.year + 1}", "out_of_range")
    if (signer is None) != (signed_on is None):
        absent = "signed_on" if signed_on is None else "signed_by_person_id"
        raise invalid(absent, "a signature names both the signer and the day", "missing")
    if signed_on is not None:
        first, last = signing_window(year)
        if not first <= signed_on <= last:
            field = _blame(data, "signed_on", "year")
            raise invalid(field, f"signing must fall between {first} and {last}", "out_of_range")
        if signed_on > today:
            raise invalid("signed_on", "must not be in the future", "in_future")
    published_on = state["published_on"]
    if published_on is not None:
        if signed_on is None:
            raise invalid(
                "published_on", "a commitment is signed before it is published", "not_signed"
            )
        if published_on < signed_on:
            field = _blame(data, "published_on", "signed_on")
            raise invalid(field, "publication must not precede signing", "date_order")
        if published_on > today:
            raise invalid("published_on", "must not be in the future", "in_future")


def _require_free_year(ctx: WriteContext, year: int, current: SafetyCommitment | None) -> None:
    taken = ctx.session.scalar(
        select(SafetyCommitment.id).where(
            SafetyCommitment.enterprise_id == ctx.enterprise.id,
            SafetyCommitment.year == year,
            SafetyCommitment.deleted_at.is_(None),
        )
    )
    if taken is not None and (current is None or taken != current.id):
        raise Conflict(f"Commitment {taken} already covers {year}.", code="year_taken")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: SafetyCommitment | None
) -> dict[str, Any]:
    for name in _REQUIRED:
        if name in data and data[name] is None:
            raise invalid(name, "cannot be removed", "missing")
    values = {name: data[name] for name in _FIELDS if name in data}
    state = {
        name: values[name] if name in values else getattr(current, name, None) for name in _FIELDS
    }
    _check_dates(values, state)
    if values.get("signed_by_person_id") is not None:
        require_person(ctx, values["signed_by_person_id"], "signed_by_person_id")
    if "items" in values:
        values["items"] = json.dumps(values["items"], ensure_ascii=False)
    if "year" in values:
        _require_free_year(ctx, values["year"], current)
    return values


def to_out(commitment: SafetyCommitment, ctx: ReadContext) -> SafetyCommitmentOut:
    return SafetyCommitmentOut(
        id=commitment.id,
        year=commitment.year,
        items=json.loads(commitment.items),
        signed_by_person_id=commitment.signed_by_person_id,
        signed_on=commitment.signed_on,
        published_on=commitment.published_on,
        version=commitment.version,
        created_at=commitment.created_at,
        updated_at=commitment.updated_at,
    )


def apply_filters(
    statement: Select[SafetyCommitment], filters: SafetyCommitmentFilters, ctx: ReadContext
) -> Select[SafetyCommitment]:
    if filters.year is not None:
        statement = statement.where(SafetyCommitment.year == filters.year)
    for column, wanted in (
        (SafetyCommitment.signed_on, filters.signed),
        (SafetyCommitment.published_on, filters.published),
    ):
        if wanted is not None:
            statement = statement.where(column.is_not(None) if wanted else column.is_(None))
    return statement


def snapshot(commitment: SafetyCommitment) -> dict[str, Any]:
    state = {name: getattr(commitment, name) for name in _FIELDS}
    state["items"] = json.loads(commitment.items)
    state["deleted"] = commitment.deleted_at is not None
    return state


SAFETY_COMMITMENTS: RecordKind[SafetyCommitment] = RecordKind(
    path="safety-commitments",
    resource_type="safety_commitment",
    title="safety commitment (安全承诺)",
    model=SafetyCommitment,
    id_prefix="scm",
    create_schema=SafetyCommitmentIn,
    patch_schema=SafetyCommitmentPatch,
    out_schema=SafetyCommitmentOut,
    filters_schema=SafetyCommitmentFilters,
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
)


def publish(ctx: WriteContext, commitment: SafetyCommitment) -> SafetyCommitment:
    """Publish today (公开承诺): an explicit act, once, of a signed commitment."""
    if commitment.published_on is not None:
        raise Conflict(
            f"This commitment was published on {commitment.published_on}.",
            code="already_published",
        )
    if commitment.signed_on is None:
        raise Conflict("Sign the commitment before publishing it.", code="not_signed")
    values = {"published_on": clock.today()}
    return service.transition(ctx, SAFETY_COMMITMENTS, commitment, values, "publish")
