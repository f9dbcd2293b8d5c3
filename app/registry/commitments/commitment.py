"""Yearly safety commitments (安全承诺, art. 21) as a record kind, and their publication."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, select

from app.core import clock
from app.registry import errors, service
from app.registry.commitments.models import SafetyCommitment
from app.registry.commitments.schemas import (
    SafetyCommitmentFilters,
    SafetyCommitmentIn,
    SafetyCommitmentOut,
    SafetyCommitmentPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid, require_person
from app.registry.writes import blame

FIRST_YEAR = 2014  # the seed's year


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
            field = blame(data, "signed_on", "year")
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
            field = blame(data, "published_on", "signed_on")
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
        raise errors.YEAR_TAKEN.problem(f"Commitment {taken} already covers {year}.")


def prepare(
    ctx: WriteContext, data: dict[str, Any], current: SafetyCommitment | None
) -> dict[str, Any]:
    if data.get("items") is not None:
        data["items"] = json.dumps(data["items"], ensure_ascii=False)
    return data


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: SafetyCommitment | None,
) -> None:
    _check_dates(data, state)
    if data.get("signed_by_person_id") is not None:
        require_person(ctx, data["signed_by_person_id"], "signed_by_person_id")
    if "year" in data:
        _require_free_year(ctx, data["year"], current)


def filter_signed_published(
    statement: Select[SafetyCommitment], filters: SafetyCommitmentFilters, _: ReadContext
) -> Select[SafetyCommitment]:
    for column, wanted in (
        (SafetyCommitment.signed_on, filters.signed),
        (SafetyCommitment.published_on, filters.published),
    ):
        if wanted is not None:
            statement = statement.where(column.is_not(None) if wanted else column.is_(None))
    return statement


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
    headers={
        "year": ("年度",),
        "items": ("承诺事项",),
        "signed_by_person_id": ("签署人",),
        "signed_on": ("签署日期",),
        "published_on": ("公告日期",),
    },
    computed={"items": lambda commitment, _: json.loads(commitment.items)},
    history={"items": lambda commitment: json.loads(commitment.items)},
    prepare=prepare,
    check=check,
    filter_by=("year",),
    filter=filter_signed_published,
    problems=(errors.YEAR_TAKEN,),
)


def to_out(commitment: SafetyCommitment, ctx: ReadContext) -> SafetyCommitmentOut:
    """A commitment as the kind's routes show it, for the publish route."""
    return cast(SafetyCommitmentOut, SAFETY_COMMITMENTS.to_out(commitment, ctx))


def publish(ctx: WriteContext, commitment: SafetyCommitment) -> SafetyCommitment:
    """Publish today (公开承诺): an explicit act, once, of a signed commitment."""
    if commitment.published_on is not None:
        raise errors.ALREADY_PUBLISHED.problem(
            f"This commitment was published on {commitment.published_on}."
        )
    if commitment.signed_on is None:
        raise errors.NOT_SIGNED.problem("Sign the commitment before publishing it.")
    values = {"published_on": clock.today()}
    return service.transition(ctx, SAFETY_COMMITMENTS, commitment, values, "publish")
