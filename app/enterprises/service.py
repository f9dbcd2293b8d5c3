"""Enterprise sign-up, profile changes and verification, always through the policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.core import clock
from app.core.audit_chain import changes_between
from app.core.errors import INVALID_CREDIT_CODE, NOT_FOUND, Conflict, FieldError
from app.core.validators import CodeProblem, check_uscc
from app.enterprises import errors, verification
from app.enterprises.catalog import (
    DesignatedSize,
    HighRiskCategory,
    SMEClass,
    VerificationStatus,
    industry_code_problem,
)
from app.enterprises.models import Enterprise
from app.enterprises.schemas import NOT_REMOVABLE, EnterprisePatch, EnterpriseSignup
from app.enterprises.signup_guard import SignupGuard
from app.enterprises.verification import Decision
from app.identity import policy
from app.identity.auditing import audit
from app.identity.models import Organization
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind, Role
from app.identity.service import new_organization, new_user
from app.regions.service import in_subtree, require_locality

_PROFILE_FIELDS = (
    "legal_representative",
    "principal_person",
    "address",
    "industry_code",
    "high_risk_category",
    "employee_count",
    "designated_size",
    "sme_class",
    "occupational_hazard_trade",
    "founded_on",
)


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    industry: str | None = None
    high_risk_category: HighRiskCategory | None = None
    designated_size: DesignatedSize | None = None
    sme_class: SMEClass | None = None
    verification_status: VerificationStatus | None = None
    name: str | None = None


def require_valid_credit_code(code: str, field: str = "body.credit_code") -> None:
    """422 naming what is wrong with `code` (already normalized), unless it is valid."""
    problem = check_uscc(code).problem
    if problem is None:
        return
    messages = {
        CodeProblem.MALFORMED: "not 18 characters of the credit-code alphabet",
        CodeProblem.ORGANIZATION_CODE_MISMATCH: "the embedded organization code fails its check",
        CodeProblem.CHECK_CHARACTER_MISMATCH: "the check character (position 18) is wrong",
    }
    raise INVALID_CREDIT_CODE.problem(
        f"The credit code is invalid: {messages[problem]}.",
        errors=[
            FieldError(
                field=field,
                message=messages[problem],
                code=f"credit_code_{problem.value}",
            )
        ],
    )


def _validate_industry(code: str | None, field: str) -> None:
    problem = industry_code_problem(code) if code else None
    if problem:
        raise errors.INVALID_INDUSTRY_CODE.problem(
            f"Industry code {code}: {problem}.",
            errors=[FieldError(field=field, message=problem, code="invalid")],
        )


def signup(
    session: Session, data: EnterpriseSignup, *, guard: SignupGuard, request_id: str | None
) -> Enterprise:
    """The public sign-up: `register` within the caller's limits."""
    guard.admit(session)
    try:
        return register(session, data, request_id)
    except Conflict:
        # A refusal says someone holds the email or the code: counted, so that it cannot
        # be asked without limit (decision 54).
        guard.count_refusal(session)
        raise


def register(session: Session, data: EnterpriseSignup, request_id: str | None) -> Enterprise:
    """Check and create the enterprise and its first admin (the demo loads through here)."""
    require_valid_credit_code(data.credit_code)
    _validate_industry(data.industry_code, "body.industry_code")
    require_locality(session, data.region_code, field="body.region_code")
    if _verified_holder(session, data.credit_code) is not None:
        raise errors.CREDIT_CODE_TAKEN.problem(
            "An enterprise with this credit code is already registered and verified. "
            "If it is yours, ask the regulator of your region."
        )
    organization = new_organization(
        session, OrganizationKind.ENTERPRISE, data.name, data.region_code
    )
    now = clock.now()
    enterprise = Enterprise(
        id=organization.id,
        credit_code=data.credit_code,
        verification_status=VerificationStatus.UNVERIFIED.value,
        created_at=now,
        updated_at=now,
        **{field: _plain(getattr(data, field)) for field in _PROFILE_FIELDS},
    )
    session.add(enterprise)
    admin = new_user(
        session,
        organization,
        str(data.admin.email),
        data.admin.display_name,
        Role.ADMIN,
        data.admin.password,
    )
    session.flush()
    audit(
        session,
        actor=None,
        actor_id=admin.id,
        actor_organization_id=organization.id,
        action="enterprise.signup",
        resource_type="enterprise",
        resource_id=enterprise.id,
        subject_organization_id=enterprise.id,
        request_id=request_id,
        changes={
            "credit_code": data.credit_code,
            "name": data.name,
            "region_code": data.region_code,
            "admin_email": admin.email,
        },
    )
    return enterprise


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _verified_holder(session: Session, credit_code: str) -> Enterprise | None:
    return session.scalar(
        select(Enterprise).where(
            Enterprise.credit_code == credit_code,
            Enterprise.verification_status == VerificationStatus.VERIFIED.value,
        )
    )


def readable(principal: Principal, filters: Filters) -> Select[Enterprise]:
    statement = (
        select(Enterprise)
        .join(Enterprise.organization)
        .where(policy.can_read_enterprises(principal, Enterprise.id))
    )
    if filters.region:
        statement = statement.where(in_subtree(Organization.region_code, filters.region))
    if filters.industry:
        statement = statement.where(
            Enterprise.industry_code.startswith(filters.industry, autoescape=True)
        )
    for column, value in (
        (Enterprise.high_risk_category, filters.high_risk_category),
        (Enterprise.designated_size, filters.designated_size),
        (Enterprise.sme_class, filters.sme_class),
        (Enterprise.verification_status, filters.verification_status),
    ):
        if value is not None:
            statement = statement.where(column == value.value)
    if filters.name:
        statement = statement.where(Organization.name.contains(filters.name, autoescape=True))
    return statement


def get(session: Session, organization: Organization) -> Enterprise:
    enterprise = session.get(Enterprise, organization.id)
    if enterprise is None:  # every enterprise organization has a profile; never expected
        raise NOT_FOUND.problem(f"No enterprise {organization.id}.")
    return enterprise


def snapshot(enterprise: Enterprise) -> dict[str, Any]:
    values = {field: getattr(enterprise, field) for field in _PROFILE_FIELDS}
    values.update(
        name=enterprise.organization.name, region_code=enterprise.organization.region_code
    )
    return values


def update(
    session: Session,
    principal: Principal,
    enterprise: Enterprise,
    data: EnterprisePatch,
    request_id: str | None,
) -> Enterprise:
    changes = data.model_dump(exclude_unset=True)
    for required in NOT_REMOVABLE:
        if required in changes and changes[required] is None:
            raise errors.REQUIRED_FIELD.problem(
                f"{required} cannot be removed.",
                errors=[FieldError(field=f"body.{required}", message="required", code="missing")],
            )
    _validate_industry(changes.get("industry_code"), "body.industry_code")
    if changes.get("region_code"):
        require_locality(session, changes["region_code"], field="body.region_code")
    before = snapshot(enterprise)
    organization = enterprise.organization
    for field, value in changes.items():
        target = organization if field in ("name", "region_code") else enterprise
        setattr(target, field, _plain(value))
    # Touching the profile row bumps its version, so the ETag changes with any field, even
    # one kept on the organization row and even when the clock has not moved.
    _touch(enterprise)
    session.flush()
    difference = changes_between(before, snapshot(enterprise))
    audit(
        session,
        actor=principal,
        action="enterprise.update",
        resource_type="enterprise",
        resource_id=enterprise.id,
        subject_organization_id=enterprise.id,
        request_id=request_id,
        changes=difference,
    )
    return enterprise


def _touch(enterprise: Enterprise) -> None:
    enterprise.updated_at = clock.now()
    flag_modified(enterprise, "updated_at")


def verify(
    session: Session, principal: Principal, enterprise: Enterprise, request_id: str | None
) -> Enterprise:
    policy.require(principal, Capability.ENTERPRISES_VERIFY)
    # Lock every claim to this code first: two regulators verifying competing claims at the
    # same moment must meet here (one gets 409), not at the unique index (a 500).
    session.execute(
        select(Enterprise.id)
        .where(Enterprise.credit_code == enterprise.credit_code)
        .order_by(Enterprise.id)
        .with_for_update()
    ).all()
    _locked_status(session, enterprise)
    verification.next_status(_status(enterprise), Decision.VERIFY)
    holder = _verified_holder(session, enterprise.credit_code)
    if holder is not None and holder.id != enterprise.id:
        raise errors.CREDIT_CODE_TAKEN.problem(
            f"Enterprise {holder.id} is already verified with this credit code; "
            "reject one of the claims."
        )
    return _decide(session, principal, enterprise, Decision.VERIFY, None, request_id)


def reject(
    session: Session,
    principal: Principal,
    enterprise: Enterprise,
    reason: str,
    request_id: str | None,
) -> Enterprise:
    policy.require(principal, Capability.ENTERPRISES_VERIFY)
    _locked_status(session, enterprise)
    return _decide(session, principal, enterprise, Decision.REJECT, reason, request_id)


def _status(enterprise: Enterprise) -> VerificationStatus:
    return VerificationStatus(enterprise.verification_status)


def _locked_status(session: Session, enterprise: Enterprise) -> None:
    """Re-read the enterprise under a row lock: two regulators deciding at once are judged
    one after the other, the second against the first's outcome (409, not a lost decision)."""
    session.refresh(enterprise, with_for_update=True)


def _decide(
    session: Session,
    principal: Principal,
    enterprise: Enterprise,
    decision: Decision,
    reason: str | None,
    request_id: str | None,
) -> Enterprise:
    status = verification.next_status(_status(enterprise), decision)
    before = {
        "verification_status": enterprise.verification_status,
        "rejection_reason": enterprise.rejection_reason,
    }
    enterprise.verification_status = status.value
    enterprise.rejection_reason = reason
    # The verification's who and when belong to a verified state only: a rejection (also of
    # an enterprise verified before) leaves none behind; the audit trail keeps the history.
    verified = status is VerificationStatus.VERIFIED
    enterprise.verified_by = principal.id if verified else None
    enterprise.verified_at = clock.now() if verified else None
    _touch(enterprise)
    session.flush()
    audit(
        session,
        actor=principal,
        action=f"enterprise.{decision.value}",
        resource_type="enterprise",
        resource_id=enterprise.id,
        subject_organization_id=enterprise.id,
        request_id=request_id,
        changes=changes_between(
            before, {"verification_status": status.value, "rejection_reason": reason}
        ),
    )
    return enterprise
