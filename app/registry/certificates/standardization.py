"""Standardization certificates (安全生产标准化等级证书) as a record kind (article 19)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.registry import errors
from app.registry.certificates.common import not_in_future
from app.registry.certificates.models import StandardizationCertificate
from app.registry.certificates.periods import STANDARDIZATION_VALIDITY_YEARS, add_years
from app.registry.certificates.schemas import (
    StandardizationCertificateFilters,
    StandardizationCertificateIn,
    StandardizationCertificateOut,
    StandardizationCertificatePatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame, living_duplicate

Certificate = StandardizationCertificate


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Certificate | None,
) -> None:
    issued, expires = state["issued_on"], state["expires_on"]
    not_in_future("issued_on", issued)
    if expires <= issued:
        raise invalid(
            blame(data, "expires_on", "issued_on"), "must be after the issue date", "date_order"
        )
    # Up to and including the third anniversary, no further tolerance: certificates print
    # either the day before the anniversary or the anniversary itself, and both pass. The
    # 3 years are *(check)* in regulations.md; a longer period is a typo until confirmed.
    if expires > add_years(issued, STANDARDIZATION_VALIDITY_YEARS):
        raise invalid(
            blame(data, "expires_on", "issued_on"),
            f"a grade certificate is valid at most {STANDARDIZATION_VALIDITY_YEARS} years",
            "validity_too_long",
        )
    if "certificate_number" in data:
        _refuse_duplicate(ctx, state["certificate_number"], current)


def _refuse_duplicate(ctx: WriteContext, number: str, current: Certificate | None) -> None:
    duplicate = living_duplicate(ctx, Certificate, current, certificate_number=number)
    if duplicate is not None:
        raise errors.DUPLICATE_CERTIFICATE.problem(
            f"Certificate {duplicate} already has the number {number}."
        )


def filter_expiry(
    statement: Select[Certificate], filters: StandardizationCertificateFilters, _: ReadContext
) -> Select[Certificate]:
    if filters.expires_before is not None:
        statement = statement.where(Certificate.expires_on < filters.expires_before)
    if filters.expires_after is not None:
        statement = statement.where(Certificate.expires_on > filters.expires_after)
    if filters.valid_on is not None:
        statement = statement.where(
            Certificate.issued_on <= filters.valid_on, Certificate.expires_on >= filters.valid_on
        )
    return statement


STANDARDIZATION_CERTIFICATES: RecordKind[Certificate] = RecordKind(
    path="standardization-certificates",
    resource_type="standardization_certificate",
    title="standardization certificate (安全生产标准化等级证书)",
    model=Certificate,
    id_prefix="stc",
    create_schema=StandardizationCertificateIn,
    patch_schema=StandardizationCertificatePatch,
    out_schema=StandardizationCertificateOut,
    filters_schema=StandardizationCertificateFilters,
    headers={
        "grade": ("等级",),
        "certificate_number": ("证书编号",),
        "issuing_authority": ("发证机关",),
        "issued_on": ("发证日期",),
        "expires_on": ("有效期至",),
    },
    check=check,
    filter_by=("grade",),
    filter=filter_expiry,
    problems=(errors.DUPLICATE_CERTIFICATE,),
)
