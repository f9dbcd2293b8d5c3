"""Assessment certificates (安全生产知识和管理能力考核合格证) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.core.errors import Conflict
from app.registry.catalog import AssessedRole
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.personal_data import mask_embedded_id
from app.registry.references import invalid, require_person
from app.registry.staffing.common import (
    covering,
    in_period,
)
from app.registry.staffing.models import AssessmentCertificate
from app.registry.staffing.schemas import (
    AssessmentCertificateFilters,
    AssessmentCertificateIn,
    AssessmentCertificateOut,
    AssessmentCertificatePatch,
)
from app.registry.writes import blame, changed, effective

Certificate = AssessmentCertificate
FIELDS = (
    "person_id",
    "assessed_role",
    "certificate_number",
    "issuing_authority",
    "passed_on",
    "expires_on",
)
REQUIRED = ("person_id", "assessed_role", "certificate_number", "passed_on")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: Certificate | None
) -> dict[str, Any]:
    state = effective(data, current, FIELDS, REQUIRED)
    if "person_id" in data:
        require_person(ctx, state["person_id"], "person_id")
    passed, expires = state["passed_on"], state["expires_on"]
    if passed > clock.today():
        raise invalid("passed_on", "must not be in the future", "in_future")
    if expires is not None and expires <= passed:
        raise invalid(
            blame(data, "expires_on", "passed_on"), "must be after the pass date", "date_order"
        )
    if "certificate_number" in data:
        statement = select(Certificate.id).where(
            Certificate.enterprise_id == ctx.enterprise.id,
            Certificate.deleted_at.is_(None),
            Certificate.certificate_number == state["certificate_number"],
        )
        if current is not None:
            statement = statement.where(Certificate.id != current.id)
        duplicate = ctx.session.scalar(statement.limit(1))
        if duplicate is not None:
            # The number is not repeated: it may be the holder's ID number.
            raise Conflict(
                f"Assessment certificate {duplicate} already has this number.",
                code="duplicate_certificate_number",
            )
    return changed(data, state)


def to_out(certificate: Certificate, ctx: ReadContext) -> AssessmentCertificateOut:
    number = certificate.certificate_number
    return AssessmentCertificateOut(
        id=certificate.id,
        person_id=certificate.person_id,
        assessed_role=AssessedRole(certificate.assessed_role),
        certificate_number=number if ctx.reveal_personal_data else mask_embedded_id(number),
        issuing_authority=certificate.issuing_authority,
        passed_on=certificate.passed_on,
        expires_on=certificate.expires_on,
        valid=in_period(certificate.passed_on, certificate.expires_on, clock.today()),
        version=certificate.version,
        created_at=certificate.created_at,
        updated_at=certificate.updated_at,
    )


def apply_filters(
    statement: Select[Certificate], filters: AssessmentCertificateFilters, ctx: ReadContext
) -> Select[Certificate]:
    if filters.person_id is not None:
        statement = statement.where(Certificate.person_id == filters.person_id)
    if filters.assessed_role is not None:
        statement = statement.where(Certificate.assessed_role == filters.assessed_role.value)
    if filters.valid_on is not None:
        statement = statement.where(
            covering(Certificate.passed_on, Certificate.expires_on, filters.valid_on)
        )
    if filters.expires_before is not None:
        statement = statement.where(Certificate.expires_on < filters.expires_before)
    return statement


def snapshot(certificate: Certificate) -> dict[str, Any]:
    return {
        **{name: getattr(certificate, name) for name in FIELDS},
        "certificate_number": mask_embedded_id(certificate.certificate_number),
        "deleted": certificate.deleted_at is not None,
    }


ASSESSMENT_CERTIFICATES: RecordKind[Certificate] = RecordKind(
    path="assessment-certificates",
    resource_type="assessment_certificate",
    title="assessment certificate (安全生产知识和管理能力考核合格证)",
    model=Certificate,
    id_prefix="asc",
    create_schema=AssessmentCertificateIn,
    patch_schema=AssessmentCertificatePatch,
    out_schema=AssessmentCertificateOut,
    filters_schema=AssessmentCertificateFilters,
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
    has_personal_data=True,
)
