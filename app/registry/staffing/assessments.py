"""Assessment certificates (安全生产知识和管理能力考核合格证) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.registry import errors
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
from app.registry.writes import blame

Certificate = AssessmentCertificate


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Certificate | None,
) -> None:
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
            raise errors.DUPLICATE_CERTIFICATE_NUMBER.problem(
                f"Assessment certificate {duplicate} already has this number."
            )


def filter_validity(
    statement: Select[Certificate], filters: AssessmentCertificateFilters, _: ReadContext
) -> Select[Certificate]:
    if filters.valid_on is not None:
        statement = statement.where(
            covering(Certificate.passed_on, Certificate.expires_on, filters.valid_on)
        )
    if filters.expires_before is not None:
        statement = statement.where(Certificate.expires_on < filters.expires_before)
    return statement


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
    headers={
        "assessed_role": ("考核类别",),
        "certificate_number": ("证书编号",),
        "issuing_authority": ("发证机关",),
        "passed_on": ("考核日期",),
        "expires_on": ("有效期至",),
    },
    computed={"valid": lambda c, _: in_period(c.passed_on, c.expires_on, clock.today())},
    # The number may be the holder's ID number.
    personal={"certificate_number": mask_embedded_id},
    check=check,
    filter_by=("person_id", "assessed_role"),
    filter=filter_validity,
    problems=(errors.DUPLICATE_CERTIFICATE_NUMBER,),
)
