"""Insurance policies (安全生产法 art. 51) as a record kind: work-injury insurance enrolments
and work-safety liability insurance policies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select

from app.core import clock
from app.registry import errors
from app.registry.catalog import InsurancePolicyType
from app.registry.insurance.models import InsurancePolicy
from app.registry.insurance.schemas import (
    InsurancePolicyFilters,
    InsurancePolicyIn,
    InsurancePolicyOut,
    InsurancePolicyPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame

Policy = InsurancePolicy
LIABILITY = InsurancePolicyType.SAFETY_LIABILITY.value


def in_force_on(policy: Any, day: date) -> bool:
    """Covering `day`: started, not past its last day, and no cancellation in effect (the
    day a cancellation takes effect is the first day not covered)."""
    return (
        policy.valid_from <= day
        and (policy.valid_to is None or day <= policy.valid_to)
        and (policy.cancelled_on is None or day < policy.cancelled_on)
    )


def covering(day: date) -> ColumnElement[bool]:
    """`in_force_on` in SQL."""
    return and_(
        Policy.valid_from <= day,
        or_(Policy.valid_to.is_(None), Policy.valid_to >= day),
        or_(Policy.cancelled_on.is_(None), Policy.cancelled_on > day),
    )


def check(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: Policy | None
) -> None:
    start, end, cancelled = state["valid_from"], state["valid_to"], state["cancelled_on"]
    liability = state["policy_type"] == LIABILITY
    if end is not None and end < start:
        raise invalid(
            blame(data, "valid_to", "valid_from"), "must not be before valid_from", "date_order"
        )
    # A liability policy is bought for a term and names its amount (art. 51 para 2); a
    # work-injury enrolment runs until it is ended, and pays by statute, not by policy.
    if liability and end is None:
        raise invalid(
            blame(data, "valid_to", "policy_type"), "a liability policy has a term", "missing"
        )
    if liability and state["cover_per_person_yuan"] is None:
        raise invalid(
            blame(data, "cover_per_person_yuan", "policy_type"),
            "required for liability insurance",
            "missing",
        )
    if cancelled is not None:
        if cancelled < start:
            raise invalid(
                blame(data, "cancelled_on", "valid_from"),
                "must not be before valid_from",
                "date_order",
            )
        if end is not None and cancelled > end:
            raise invalid(
                blame(data, "cancelled_on", "valid_to"), "must not be after valid_to", "date_order"
            )
    if data.keys() & {"policy_type", "policy_number", "valid_from", "valid_to", "cancelled_on"}:
        _refuse_overlap(ctx, state, current)


def _refuse_overlap(ctx: WriteContext, state: Mapping[str, Any], current: Policy | None) -> None:
    """One policy number covers one period at a time: a second record of it over the same
    days is the same policy entered twice (a renewal has its own period, or its own number)."""
    start, end, cancelled = state["valid_from"], state["valid_to"], state["cancelled_on"]
    last = cancelled - timedelta(days=1) if cancelled is not None else end
    if last is not None and last < start:
        return  # cancelled from its first day: it covers no day, so none twice
    statement = select(Policy).where(
        Policy.enterprise_id == ctx.enterprise.id,
        Policy.deleted_at.is_(None),
        Policy.policy_type == state["policy_type"],
        Policy.policy_number == state["policy_number"],
        or_(Policy.valid_to.is_(None), Policy.valid_to >= start),
        # Cancelled after this start, and not from its own first day (no day covered).
        or_(
            Policy.cancelled_on.is_(None),
            and_(Policy.cancelled_on > start, Policy.cancelled_on > Policy.valid_from),
        ),
    )
    if last is not None:
        statement = statement.where(Policy.valid_from <= last)
    if current is not None:
        statement = statement.where(Policy.id != current.id)
    other = ctx.session.scalars(statement.limit(1)).first()
    if other is not None:
        until = other.valid_to.isoformat() if other.valid_to is not None else "open-ended"
        raise errors.OVERLAPPING_POLICY.problem(
            f"Policy {other.id} with this number covers {other.valid_from.isoformat()} to "
            f"{until} already."
        )


def filter_validity(
    statement: Select[Policy], filters: InsurancePolicyFilters, _: ReadContext
) -> Select[Policy]:
    if filters.valid_on is not None:
        statement = statement.where(covering(filters.valid_on))
    if filters.cancelled is not None:
        column = Policy.cancelled_on
        statement = statement.where(column.is_not(None) if filters.cancelled else column.is_(None))
    return statement


INSURANCE_POLICIES: RecordKind[Policy] = RecordKind(
    path="insurance-policies",
    resource_type="insurance_policy",
    title="insurance policy (工伤保险、安全生产责任保险)",
    model=Policy,
    id_prefix="ins",
    create_schema=InsurancePolicyIn,
    patch_schema=InsurancePolicyPatch,
    out_schema=InsurancePolicyOut,
    filters_schema=InsurancePolicyFilters,
    headers={
        "policy_type": ("险种", "保险类型"),
        "insurer": ("承保机构", "保险公司"),
        "policy_number": ("保单号", "参保编号"),
        "valid_from": ("保险期间起", "起保日期"),
        "valid_to": ("保险期间止", "终保日期"),
        "insured_headcount": ("参保人数", "投保人数"),
        "cover_per_person_yuan": ("每人死亡伤残赔偿限额", "每人保额"),
        "covers_temporary_and_dispatched": ("含临时和劳务派遣人员",),
        "cancelled_on": ("退保日期",),
        "notes": ("备注",),
    },
    computed={"in_force": lambda policy, _: in_force_on(policy, clock.today())},
    check=check,
    filter_by=("policy_type",),
    filter_between={"starts": "valid_from", "ends": "valid_to"},
    filter=filter_validity,
    problems=(errors.OVERLAPPING_POLICY,),
)
