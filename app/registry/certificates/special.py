"""Special-operation certificates (特种作业操作证) as a record kind: validity, review."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, and_, func, or_

from app.core.errors import Conflict
from app.registry.catalog import SPECIAL_OPERATION_CATEGORIES
from app.registry.certificates.common import not_in_future
from app.registry.certificates.models import SpecialOperationCertificate
from app.registry.certificates.periods import (
    SPECIAL_OPERATION_EXTENDED_REVIEW_YEARS,
    SPECIAL_OPERATION_REVIEW_YEARS,
    SPECIAL_OPERATION_VALIDITY_YEARS,
    add_years,
    earliest_reaching,
    review_due,
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
from app.registry.writes import blame, changed, effective, living_duplicate

Certificate = SpecialOperationCertificate
FIELDS = (
    "person_id",
    "category",
    "certificate_number",
    "issued_on",
    "expires_on",
    "last_review_on",
    "six_year_review",
)
REQUIRED = tuple(name for name in FIELDS if name != "last_review_on")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: Certificate | None
) -> dict[str, Any]:
    state = effective(data, current, FIELDS, REQUIRED)
    if "person_id" in data:
        require_person(ctx, state["person_id"], "person_id")
    issued, expires, review = state["issued_on"], state["expires_on"], state["last_review_on"]
    not_in_future("issued_on", issued)
    if expires <= issued:
        raise invalid(
            blame(data, "expires_on", "issued_on"), "must be after the issue date", "date_order"
        )
    if expires > add_years(issued, SPECIAL_OPERATION_VALIDITY_YEARS):
        raise invalid(
            blame(data, "expires_on", "issued_on"),
            f"a certificate is valid at most {SPECIAL_OPERATION_VALIDITY_YEARS} years",
            "validity_too_long",
        )
    if review is not None:
        # A review on the day of issue is no review; one after expiry is a renewal, which
        # is a new certificate.
        if review <= issued:
            raise invalid(
                blame(data, "last_review_on", "issued_on"),
                "must be after the issue date",
                "date_order",
            )
        if review > expires:
            raise invalid(
                blame(data, "last_review_on", "expires_on"),
                "must not be after the expiry date",
                "date_order",
            )
        not_in_future("last_review_on", review)
    if "category" in data or "certificate_number" in data:
        _refuse_duplicate(ctx, state["category"], state["certificate_number"], current)
    return changed(data, state)


def _refuse_duplicate(
    ctx: WriteContext, category: str, number: str, current: Certificate | None
) -> None:
    duplicate = living_duplicate(
        ctx, Certificate, current, category=category, certificate_number=number
    )
    if duplicate is not None:
        raise Conflict(
            f"Certificate {duplicate} already has category {category} and number {number}.",
            code="duplicate_certificate",
        )


def to_out(certificate: Certificate, ctx: ReadContext) -> SpecialOperationCertificateOut:
    return SpecialOperationCertificateOut(
        id=certificate.id,
        person_id=certificate.person_id,
        category=certificate.category,
        category_name=SPECIAL_OPERATION_CATEGORIES.get(certificate.category, ""),
        certificate_number=(
            certificate.certificate_number
            if ctx.reveal_personal_data
            else mask_embedded_id(certificate.certificate_number)
        ),
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        last_review_on=certificate.last_review_on,
        six_year_review=certificate.six_year_review,
        next_review_due=review_due(
            certificate.issued_on,
            certificate.last_review_on,
            certificate.expires_on,
            certificate.six_year_review,
        ),
        version=certificate.version,
        created_at=certificate.created_at,
        updated_at=certificate.updated_at,
    )


def apply_filters(
    statement: Select[Certificate], filters: SpecialOperationCertificateFilters, ctx: ReadContext
) -> Select[Certificate]:
    if filters.person_id is not None:
        statement = statement.where(Certificate.person_id == filters.person_id)
    if filters.category is not None:
        statement = statement.where(Certificate.category == filters.category)
    if filters.expires_before is not None:
        statement = statement.where(Certificate.expires_on < filters.expires_before)
    if filters.expires_after is not None:
        statement = statement.where(Certificate.expires_on > filters.expires_after)
    if filters.review_due_before is not None:
        # next_review_due = min(base + N years, expiry) < day, with N per row, is rewritten as
        # comparisons of stored columns with dates computed here (see earliest_reaching).
        day = filters.review_due_before
        base = func.coalesce(Certificate.last_review_on, Certificate.issued_on)
        statement = statement.where(
            or_(
                Certificate.expires_on < day,
                and_(
                    Certificate.six_year_review.is_(False),
                    base < earliest_reaching(day, SPECIAL_OPERATION_REVIEW_YEARS),
                ),
                and_(
                    Certificate.six_year_review.is_(True),
                    base < earliest_reaching(day, SPECIAL_OPERATION_EXTENDED_REVIEW_YEARS),
                ),
            )
        )
    return statement


def snapshot(certificate: Certificate) -> dict[str, Any]:
    return {
        **{name: getattr(certificate, name) for name in FIELDS},
        # Usually "T" + the holder's ID number: never kept in the clear in history or audit.
        "certificate_number": mask_embedded_id(certificate.certificate_number),
        "deleted": certificate.deleted_at is not None,
    }


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
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
    has_personal_data=True,
)
