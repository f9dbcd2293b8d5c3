"""The service-firm hook of the policy layer: a firm reaches a client's data through its
contracts in force today, and only for the record kinds they name.

The application sets it as a policy source when it is built (app/main.py, create_app).
"""

from __future__ import annotations

from sqlalchemy import Select, false, select

from app.contracts.models import ServiceContract
from app.core import clock
from app.identity.principal import Principal
from app.identity.roles import Capability


def contracted_enterprises(
    principal: Principal, capability: Capability, record_kind: str | None
) -> Select[str]:
    """Enterprises the firm may use `capability` on today: those of its active contracts
    within their period, naming `record_kind` when one is asked for. The enterprise as a
    whole (its profile, its compliance report) is readable under any such contract and
    writable under none: a contract's scope is records."""
    today = clock.today()
    statement = select(ServiceContract.enterprise_id).where(
        ServiceContract.firm_id == principal.organization_id,
        ServiceContract.status == "active",
        ServiceContract.valid_from <= today,
        ServiceContract.valid_to >= today,
    )
    if record_kind is not None:
        return statement.where(
            ServiceContract.scope_kinds.contains(f",{record_kind},", autoescape=True)
        )
    if capability is not Capability.RECORDS_READ:
        return statement.where(false())
    return statement
