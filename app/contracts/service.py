"""Service contracts: proposing, accepting, rejecting, ending, withdrawing, and what each
side may see.

Every read starts from `readable(principal)`: a firm sees its own contracts, an enterprise
those it is party to; anyone else's contract is simply not found. Every step is kept as an
event and audited in the enterprise's chain under the acting principal.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, false, select
from sqlalchemy.orm import Session

from app.contracts import errors, scope
from app.contracts.models import ServiceContract, ServiceContractEvent
from app.contracts.schemas import ActionIn, ContractIn
from app.core import clock
from app.core.errors import NOT_FOUND, ErrorType, FieldError, Problem
from app.core.ids import new_id
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.identity.auditing import audit
from app.identity.models import Organization
from app.identity.policy import require
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind


def can_read_contracts(principal: Principal) -> ColumnElement[bool]:
    """Contracts `principal`'s organization is party to (as the firm or the enterprise)."""
    if not principal.can(Capability.RECORDS_READ):
        return false()
    if principal.organization_kind is OrganizationKind.SERVICE_FIRM:
        return ServiceContract.firm_id == principal.organization_id
    if principal.organization_kind is OrganizationKind.ENTERPRISE:
        return ServiceContract.enterprise_id == principal.organization_id
    return false()


def readable(principal: Principal) -> Select[ServiceContract]:
    return select(ServiceContract).where(can_read_contracts(principal))


def visible(session: Session, principal: Principal, contract_id: str) -> ServiceContract:
    contract = session.scalar(readable(principal).where(ServiceContract.id == contract_id))
    if contract is None:
        raise NOT_FOUND.problem(f"No contract {contract_id}.")
    return contract


def _locked(session: Session, principal: Principal, contract_id: str) -> ServiceContract:
    contract = session.scalar(
        readable(principal)
        .where(ServiceContract.id == contract_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if contract is None:
        raise NOT_FOUND.problem(f"No contract {contract_id}.")
    return contract


def _record(
    session: Session,
    principal: Principal,
    contract: ServiceContract,
    action: str,
    reason: str | None,
    request_id: str | None,
    changes: dict[str, object] | None = None,
) -> None:
    session.add(
        ServiceContractEvent(
            id=new_id("cte"),
            contract_id=contract.id,
            action=action,
            status=contract.status,
            actor_id=principal.id,
            actor_organization_id=principal.organization_id,
            at=clock.now(),
            reason=reason,
            request_id=request_id,
        )
    )
    audit(
        session,
        actor=principal,
        action=f"service_contract.{action}",
        resource_type="service_contract",
        resource_id=contract.id,
        subject_organization_id=contract.enterprise_id,
        request_id=request_id,
        changes={"status": contract.status, "reason": reason, **(changes or {})},
    )


def _invalid(field: str, message: str, error: ErrorType) -> Problem:
    return error.problem(
        message, errors=[FieldError(field=f"body.{field}", message=message, code=error.code)]
    )


def _client(session: Session, data: ContractIn) -> Organization:
    """The enterprise named by id or credit code (a verified one first: a credit code
    claimed by several sign-ups names the verified enterprise)."""
    if (data.enterprise_id is None) == (data.enterprise_credit_code is None):
        raise _invalid(
            "enterprise_id",
            "Name the enterprise by enterprise_id or by credit code.",
            errors.ONE_OF,
        )
    statement = select(Enterprise).join(Enterprise.organization)
    if data.enterprise_id is not None:
        statement = statement.where(Enterprise.id == data.enterprise_id)
        field = "enterprise_id"
    else:
        code = str(data.enterprise_credit_code).strip().upper()
        statement = statement.where(Enterprise.credit_code == code).order_by(
            (Enterprise.verification_status == VerificationStatus.VERIFIED.value).desc(),
            Enterprise.id,
        )
        field = "enterprise_credit_code"
    enterprise = session.scalars(statement.limit(1)).first()
    if enterprise is None:
        raise _invalid(
            field, "No enterprise is registered under this name.", errors.UNKNOWN_ENTERPRISE
        )
    return enterprise.organization


def propose(
    session: Session,
    principal: Principal,
    firm_id: str,
    data: ContractIn,
    request_id: str | None,
) -> ServiceContract:
    if data.valid_to < data.valid_from:
        raise _invalid("valid_to", "valid_to is before valid_from.", errors.INVALID_PERIOD)
    if data.valid_to < clock.today():
        raise _invalid("valid_to", "The contract would have ended already.", errors.INVALID_PERIOD)
    if data.entrusted_safety_manager and data.responsible_engineer is None:
        raise _invalid(
            "responsible_engineer",
            "An entrusting contract names the registered safety engineer responsible.",
            errors.ENGINEER_REQUIRED,
        )
    client = _client(session, data)
    now = clock.now()
    engineer = data.responsible_engineer
    contract = ServiceContract(
        id=new_id("ctr"),
        version=1,
        firm_id=firm_id,
        enterprise_id=client.id,
        status="proposed",
        scope_kinds=scope.encode(data.scope),
        entrusted_safety_manager=data.entrusted_safety_manager,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        engineer_name=engineer.name if engineer else None,
        engineer_registration_number=engineer.registration_number if engineer else None,
        note=data.note,
        created_at=now,
        updated_at=now,
        created_by=principal.id,
        updated_by=principal.id,
    )
    session.add(contract)
    session.flush()
    _record(
        session,
        principal,
        contract,
        "propose",
        None,
        request_id,
        {
            "firm_id": firm_id,
            "scope": data.scope,
            "entrusted_safety_manager": data.entrusted_safety_manager,
            "valid_from": data.valid_from.isoformat(),
            "valid_to": data.valid_to.isoformat(),
        },
    )
    return contract


# action → (the side that may take it, the status it needs, the status it leads to)
_STEPS: dict[str, tuple[str | None, str, str]] = {
    "accept": ("enterprise", "proposed", "active"),
    "reject": ("enterprise", "proposed", "rejected"),
    "withdraw": ("firm", "proposed", "withdrawn"),
    "end": (None, "active", "ended"),
}


def act(
    session: Session,
    principal: Principal,
    contract_id: str,
    action: str,
    data: ActionIn,
    request_id: str | None,
) -> ServiceContract:
    """Take a step of the lifecycle: 404 for a contract the principal is not party to, 403
    for the wrong side or without `contracts:manage`, 409 from the wrong status."""
    contract = _locked(session, principal, contract_id)
    side_needed, status_needed, status_after = _STEPS[action]
    side = "firm" if principal.organization_id == contract.firm_id else "enterprise"
    if side_needed is not None and side != side_needed:
        who = "the enterprise's admin" if side_needed == "enterprise" else "the firm"
        side_only = errors.ENTERPRISE_ONLY if side_needed == "enterprise" else errors.FIRM_ONLY
        raise side_only.problem(f"Only {who} may {action} a contract.")
    require(principal, Capability.CONTRACTS_MANAGE)
    if contract.status != status_needed:
        raise errors.CONTRACT_IN_STATUS[contract.status].problem(
            f"The contract is {contract.status}; only a {status_needed} one can be {status_after}."
        )
    today = clock.today()
    if action == "accept" and contract.valid_to < today:
        raise errors.CONTRACT_EXPIRED.problem("The contract's period is over.")
    if action == "accept":
        _require_verified(session, contract.enterprise_id)
    if action == "end" and data.reason is None:
        raise _invalid("reason", "Ending a contract needs a reason.", errors.REASON_REQUIRED)
    contract.status = status_after
    if action == "accept":
        contract.accepted_on = today
    if action == "end":
        contract.ended_on = today
        contract.end_reason = data.reason
    contract.updated_at = clock.now()
    contract.updated_by = principal.id
    session.flush()
    _record(session, principal, contract, action, data.reason, request_id)
    return contract


def _require_verified(session: Session, enterprise_id: str) -> None:
    """Anyone can sign up claiming a credit code: until a regulator has verified the claim,
    the account may not be the enterprise it names, so no contract with it takes effect."""
    status = verification_of(session, [enterprise_id]).get(enterprise_id)
    if status != VerificationStatus.VERIFIED.value:
        raise errors.ENTERPRISE_NOT_VERIFIED.problem(
            f"Enterprise {enterprise_id}'s claim to its credit code is {status}: a regulator "
            "verifies it before a contract with it can take effect."
        )


def verification_of(session: Session, enterprise_ids: list[str]) -> dict[str, str]:
    """Each enterprise's verification status (unverified, verified, rejected), by id."""
    rows = session.execute(
        select(Enterprise.id, Enterprise.verification_status).where(
            Enterprise.id.in_(set(enterprise_ids))
        )
    )
    return dict(rows.tuples().all())


def history(contract_id: str) -> Select[ServiceContractEvent]:
    return select(ServiceContractEvent).where(ServiceContractEvent.contract_id == contract_id)


def in_force_for_firm(firm_id: str, day: date) -> Select[ServiceContract]:
    """The firm's contracts active on `day` (today's access, the portfolio)."""
    return select(ServiceContract).where(
        ServiceContract.firm_id == firm_id,
        ServiceContract.status == "active",
        ServiceContract.valid_from <= day,
        ServiceContract.valid_to >= day,
    )
