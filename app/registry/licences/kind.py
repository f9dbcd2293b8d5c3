"""Safety production licences (安全生产许可证) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, or_

from app.core import clock
from app.registry import errors
from app.registry.certificates.common import not_in_future
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.licences.models import SafetyLicence
from app.registry.licences.schemas import (
    SafetyLicenceFilters,
    SafetyLicenceIn,
    SafetyLicenceOut,
    SafetyLicencePatch,
)
from app.registry.references import invalid
from app.registry.writes import blame, living_duplicate

Licence = SafetyLicence


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Licence | None,
) -> None:
    issued, valid_to = state["issued_on"], state["valid_to"]
    not_in_future("issued_on", issued)
    # The length is not checked: an extension (art. 9 para 2) moves valid_to by 3 years
    # more, and the registry cannot tell an extended licence from a typo.
    if valid_to <= issued:
        raise invalid(
            blame(data, "valid_to", "issued_on"), "must be after the issue date", "date_order"
        )
    applied = state["renewal_applied_on"]
    if applied is not None:
        # An application after expiry is still one (art. 20: 限期补办延期手续): recorded as
        # made; whether it was on time is for the rules.
        if applied <= issued:
            raise invalid(
                blame(data, "renewal_applied_on", "issued_on"),
                "must be after the issue date",
                "date_order",
            )
        not_in_future("renewal_applied_on", applied)
    revoked = state["revoked_on"]
    if revoked is not None:
        _within_validity(data, "revoked_on", revoked, issued, valid_to)
        not_in_future("revoked_on", revoked)
    if "licence_number" in data:
        _refuse_duplicate(ctx, state["licence_number"], current)


def _within_validity(
    data: Mapping[str, Any], field: str, day: date, issued: date, valid_to: date
) -> None:
    if day < issued:
        raise invalid(
            blame(data, field, "issued_on"), "must not be before the issue date", "date_order"
        )
    if day > valid_to:
        raise invalid(
            blame(data, field, "valid_to"), "must not be after the last valid day", "date_order"
        )


def _refuse_duplicate(ctx: WriteContext, number: str, current: Licence | None) -> None:
    duplicate = living_duplicate(ctx, Licence, current, licence_number=number)
    if duplicate is not None:
        raise errors.DUPLICATE_CERTIFICATE.problem(
            f"Licence {duplicate} already has the number {number}."
        )


def valid_on(licence: Licence, day: date) -> bool:
    """In force on `day`: issued, not past its last valid day, not revoked by then."""
    revoked = licence.revoked_on
    return licence.issued_on <= day <= licence.valid_to and (revoked is None or revoked > day)


def filter_valid_on(
    statement: Select[Licence], filters: SafetyLicenceFilters, _: ReadContext
) -> Select[Licence]:
    if (day := filters.valid_on) is not None:
        statement = statement.where(
            Licence.issued_on <= day,
            Licence.valid_to >= day,
            or_(Licence.revoked_on.is_(None), Licence.revoked_on > day),
        )
    return statement


SAFETY_LICENCES: RecordKind[Licence] = RecordKind(
    path="safety-licences",
    resource_type="safety_licence",
    title="safety production licence (安全生产许可证)",
    model=Licence,
    id_prefix="spl",
    create_schema=SafetyLicenceIn,
    patch_schema=SafetyLicencePatch,
    out_schema=SafetyLicenceOut,
    filters_schema=SafetyLicenceFilters,
    headers={
        "licence_number": ("许可证编号", "编号"),
        "scope": ("许可类别", "许可范围类别"),
        "issuing_authority": ("发证机关",),
        "issued_on": ("发证日期",),
        "valid_to": ("有效期至",),
        "renewal_applied_on": ("延期申请日期",),
        "revoked_on": ("吊销注销日期",),
        "notes": ("备注",),
    },
    computed={"valid": lambda licence, _: valid_on(licence, clock.today())},
    check=check,
    filter_by=("scope",),
    filter_between={"issued": "issued_on", "expires": "valid_to"},
    filter=filter_valid_on,
    problems=(errors.DUPLICATE_CERTIFICATE,),
)
