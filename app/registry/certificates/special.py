"""Special-operation certificates (特种作业操作证) as a record kind: validity, review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_

from app.law.parameters import NotInForce, Parameter
from app.law.reading import judged_on
from app.law.special_operations import CATALOGUE, catalogue_on
from app.registry import errors
from app.registry.certificates.common import not_in_future
from app.registry.certificates.models import SpecialOperationCertificate
from app.registry.certificates.periods import (
    earliest_reaching,
    latest_expiry,
    review_due,
    review_regimes,
    validity_years,
)
from app.registry.certificates.schemas import (
    SpecialOperationCertificateFilters,
    SpecialOperationCertificateIn,
    SpecialOperationCertificateOut,
    SpecialOperationCertificatePatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.personal_data import mask_embedded_id
from app.registry.references import invalid, require_person
from app.registry.writes import blame, living_duplicate

Certificate = SpecialOperationCertificate


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Certificate | None,
) -> None:
    if "person_id" in data:
        require_person(ctx, state["person_id"], "person_id")
    issued, expires, review = state["issued_on"], state["expires_on"], state["last_review_on"]
    not_in_future("issued_on", issued)
    _refuse_unknown_category(data, state["category"], issued)
    if expires <= issued:
        raise invalid(
            blame(data, "expires_on", "issued_on"), "must be after the issue date", "date_order"
        )
    if expires > latest_expiry(issued):
        raise invalid(
            blame(data, "expires_on", "issued_on"),
            f"a certificate issued on {issued.isoformat()} is valid at most "
            f"{validity_years(issued)} years",
            "validity_too_long",
        )
    if review is not None:
        # A review on the day of issue is no review; one after expiry is a renewal, which
        # is a new certificate.
        _refuse_outside_validity(data, "last_review_on", review, issued, expires)
    applied = state["review_applied_on"]
    if applied is not None:
        # The latest application for review (复审申请). Later than `last_review_on` it is
        # pending; on or before it, it is the one that review answered (decision 71).
        _refuse_outside_validity(data, "review_applied_on", applied, issued, expires)
    if "category" in data or "certificate_number" in data:
        _refuse_duplicate(ctx, state["category"], state["certificate_number"], current)


def _refuse_outside_validity(
    data: Mapping[str, Any], field: str, day: date, issued: date, expires: date
) -> None:
    if day <= issued:
        raise invalid(blame(data, field, "issued_on"), "must be after the issue date", "date_order")
    if day > expires:
        raise invalid(
            blame(data, field, "expires_on"), "must not be after the expiry date", "date_order"
        )
    not_in_future(field, day)


def _refuse_unknown_category(data: Mapping[str, Any], category: str, issued: date) -> None:
    """The category must be in the catalogue in force on the issue date."""
    try:
        catalogue = catalogue_on(issued)
    except NotInForce:
        first = CATALOGUE.values[0].effective_from.isoformat()
        raise invalid(
            blame(data, "issued_on", "category"),
            f"no special-operation catalogue is recorded before {first}",
            "not_in_catalogue",
        ) from None
    if category not in catalogue:
        raise invalid(
            blame(data, "category", "issued_on"),
            f"{category} is not in the catalogue in force on {issued.isoformat()}: "
            f"{catalogue.title}",
            "not_in_catalogue",
        )


def _refuse_duplicate(
    ctx: WriteContext, category: str, number: str, current: Certificate | None
) -> None:
    duplicate = living_duplicate(
        ctx, Certificate, current, category=category, certificate_number=number
    )
    if duplicate is not None:
        raise errors.DUPLICATE_CERTIFICATE.problem(
            f"Certificate {duplicate} already has category {category} and number {number}."
        )


def category_name(code: str, issued_on: date) -> str:
    """The category's name in the catalogue in force on the issue date."""
    catalogue = CATALOGUE.at(judged_on(CATALOGUE, issued_on)).value
    return catalogue.name_of(code) or ""


def filter_dates(
    statement: Select[Certificate], filters: SpecialOperationCertificateFilters, _: ReadContext
) -> Select[Certificate]:
    if filters.expires_before is not None:
        statement = statement.where(Certificate.expires_on < filters.expires_before)
    if filters.expires_after is not None:
        statement = statement.where(Certificate.expires_on > filters.expires_after)
    if filters.review_due_before is not None:
        statement = statement.where(review_due_before(filters.review_due_before))
    return statement


def review_due_before(day: date, **periods: Parameter[int]) -> ColumnElement[bool]:
    """`next_review_due < day` as SQL. next_review_due = min(base + N years, expiry), with N
    the interval in force on the row's issue date: one condition per run of issue dates with
    the same intervals, each comparing stored columns with dates computed here (see
    earliest_reaching). `periods` (review=, extended=) are for tests of changing law."""
    base = func.coalesce(Certificate.last_review_on, Certificate.issued_on)
    conditions: list[ColumnElement[bool]] = [Certificate.expires_on < day]
    for regime in review_regimes(**periods):
        issued: list[ColumnElement[bool]] = []
        if regime.first is not None:
            issued.append(Certificate.issued_on >= regime.first)
        if regime.last is not None:
            issued.append(Certificate.issued_on <= regime.last)
        for six, years in ((False, regime.review_years), (True, regime.extended_years)):
            conditions.append(
                and_(
                    *issued,
                    Certificate.six_year_review.is_(six),
                    base < earliest_reaching(day, years),
                )
            )
    return or_(*conditions)


SPECIAL_OPERATION_CERTIFICATES: RecordKind[Certificate] = RecordKind(
    path="special-operation-certificates",
    resource_type="special_operation_certificate",
    title="special-operation certificate (特种作业操作证)",
    model=Certificate,
    id_prefix="soc",
    create_schema=SpecialOperationCertificateIn,
    patch_schema=SpecialOperationCertificatePatch,
    out_schema=SpecialOperationCertificateOut,
    filters_schema=SpecialOperationCertificateFilters,
    headers={
        "category": ("作业类别", "操作项目"),
        "certificate_number": ("证号", "证书编号"),
        "issued_on": ("初领日期", "发证日期"),
        "expires_on": ("有效期至",),
        "last_review_on": ("复审日期",),
        "review_applied_on": ("复审申请日期",),
        "six_year_review": ("六年复审",),
    },
    computed={
        "category_name": lambda c, _: category_name(c.category, c.issued_on),
        "next_review_due": lambda c, _: review_due(
            c.issued_on, c.last_review_on, c.expires_on, c.six_year_review
        ),
    },
    # Usually "T" + the holder's ID number: never in the clear in history or audit.
    personal={"certificate_number": mask_embedded_id},
    check=check,
    filter_by=("person_id", "category"),
    filter=filter_dates,
    problems=(errors.DUPLICATE_CERTIFICATE,),
)
