"""Typed dependencies of the contract routes: a firm's own members on its firm paths, and
a contract its caller's organization is party to — decided before the body is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path
from starlette.concurrency import run_in_threadpool

from app.contracts import service
from app.contracts.models import ServiceContract
from app.core.errors import NOT_FOUND
from app.core.ids import id_pattern
from app.core.unit_of_work import DbSession
from app.identity import policy
from app.identity.auth import CurrentPrincipal
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind

FirmIdParam = Annotated[
    str, Path(pattern=id_pattern("org"), description="The service firm's organization id.")
]
ContractIdParam = Annotated[
    str, Path(pattern=id_pattern("ctr"), description="Contract id (`ctr_…`).")
]


def _firm_member(capability: Capability) -> Callable[..., object]:
    async def dependency(organization_id: FirmIdParam, principal: CurrentPrincipal) -> Principal:
        # Another organization's firm paths are not found, like its contracts.
        if (
            principal.organization_kind is not OrganizationKind.SERVICE_FIRM
            or principal.organization_id != organization_id
        ):
            raise NOT_FOUND.problem(f"No service firm {organization_id}.")
        policy.require(principal, capability)
        return principal

    dependency.__name__ = f"firm_{capability.value.replace(':', '_')}"
    return dependency


# A member of the firm in the path (records:read), or one who may sign its contracts.
FirmReader = Annotated[Principal, Depends(_firm_member(Capability.RECORDS_READ))]
FirmManager = Annotated[Principal, Depends(_firm_member(Capability.CONTRACTS_MANAGE))]


async def _party(
    contract_id: ContractIdParam, principal: CurrentPrincipal, session: DbSession
) -> ServiceContract:
    return await run_in_threadpool(service.visible, session, principal, contract_id)


# A contract the caller's organization is party to (404 for anyone else's).
VisibleContract = Annotated[ServiceContract, Depends(_party)]
