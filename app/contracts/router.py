"""Service contracts: a firm proposes, the enterprise's admin accepts or rejects, either side
ends; both sides read the contract and its history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Query, Request, Response
from sqlalchemy.orm import Session

from app.contracts import errors, scope, service
from app.contracts.auth import FirmManager, FirmReader, VisibleContract
from app.contracts.models import ServiceContract, ServiceContractEvent
from app.contracts.schemas import (
    ActionIn,
    ContractEventOut,
    ContractIn,
    ContractOut,
    ContractStatus,
    EngineerOut,
)
from app.core import clock
from app.core.errors import INVALID_CURSOR, ErrorType, problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.enterprises.catalog import VerificationStatus
from app.identity.auth import CurrentPrincipal, EnterpriseRead
from app.identity.errors import MISSING_CAPABILITY

router = api_router(tags=["contracts"])

StatusFilter = Annotated[ContractStatus | None, Query(description="Only contracts so.")]


def _status(named: int | ErrorType) -> int:
    return named if isinstance(named, int) else named.status


def _not(status: str) -> tuple[ErrorType, ...]:
    """The refusals of a step that needs a contract in `status`: one per other status."""
    return tuple(error for name, error in errors.CONTRACT_IN_STATUS.items() if name != status)


def contract_out(
    session: Session, contract: ServiceContract, response: Response | None = None
) -> ContractOut:
    return _outs(session, [contract], response)[0]


def _outs(
    session: Session, contracts: Sequence[ServiceContract], response: Response | None = None
) -> list[ContractOut]:
    """The contracts as their parties see them, with each enterprise's verification status
    (one query for the page)."""
    verification = service.verification_of(session, [c.enterprise_id for c in contracts])
    return [_out(c, verification[c.enterprise_id], response) for c in contracts]


def _out(
    contract: ServiceContract, verification: str, response: Response | None = None
) -> ContractOut:
    if response is not None:
        response.headers["ETag"] = etag_for(contract.id, contract.version)
    engineer = (
        EngineerOut(
            name=contract.engineer_name,
            registration_number=str(contract.engineer_registration_number),
        )
        if contract.engineer_name
        else None
    )
    return ContractOut(
        id=contract.id,
        firm_id=contract.firm_id,
        enterprise_id=contract.enterprise_id,
        enterprise_verification=VerificationStatus(verification),
        status=contract.status,
        in_force=contract.status == "active"
        and contract.valid_from <= clock.today() <= contract.valid_to,
        scope=scope.decode(contract.scope_kinds),
        entrusted_safety_manager=contract.entrusted_safety_manager,
        valid_from=contract.valid_from,
        valid_to=contract.valid_to,
        responsible_engineer=engineer,
        note=contract.note,
        accepted_on=contract.accepted_on,
        ended_on=contract.ended_on,
        end_reason=contract.end_reason,
        created_at=contract.created_at,
        updated_at=contract.updated_at,
    )


@router.post(
    "/v1/service-firms/{organization_id}/contracts",
    status_code=201,
    summary="Propose a contract to an enterprise",
    description="The firm proposes a contract to an enterprise named by id or credit code: "
    "the record kinds it may read and write (`scope`), whether it is the enterprise's "
    "entrusted safety manager (art. 17; then `responsible_engineer` is required), and its "
    "period (Asia/Shanghai dates). The contract is `proposed` until the enterprise's admin "
    "accepts it, which needs the enterprise verified (`enterprise_verification`). Needs "
    "`contracts:manage` (the firm's admin). Returns 201 with `Location` and `ETag`.",
    responses=problem_responses(
        401,
        MISSING_CAPABILITY,
        404,
        422,
        errors.ONE_OF,
        errors.UNKNOWN_ENTERPRISE,
        errors.INVALID_PERIOD,
        errors.ENGINEER_REQUIRED,
    ),
)
def propose_contract(
    data: ContractIn,
    principal: FirmManager,
    request: Request,
    session: DbSession,
    response: Response,
) -> ContractOut:
    contract = service.propose(
        session, principal, principal.organization_id, data, request_id_of(request)
    )
    response.headers["Location"] = f"/v1/contracts/{contract.id}"
    return contract_out(session, contract, response)


@router.get(
    "/v1/service-firms/{organization_id}/contracts",
    summary="The firm's contracts",
    description="Every contract of the firm, oldest first, optionally by `status` or "
    "`enterprise_id`, cursor-paginated.",
    responses=problem_responses(401, MISSING_CAPABILITY, 404, 422, INVALID_CURSOR),
)
def list_firm_contracts(
    principal: FirmReader,
    session: DbSession,
    status: StatusFilter = None,
    enterprise_id: Annotated[str | None, Query(max_length=40)] = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[ContractOut]:
    statement = service.readable(principal)
    if status is not None:
        statement = statement.where(ServiceContract.status == status)
    if enterprise_id is not None:
        statement = statement.where(ServiceContract.enterprise_id == enterprise_id)
    rows, next_cursor = paginate(
        session, statement, keys=[ServiceContract.id], limit=limit, cursor=cursor
    )
    return Page(data=_outs(session, rows), next_cursor=next_cursor)


@router.get(
    "/v1/enterprises/{enterprise_id}/contracts",
    summary="The enterprise's contracts",
    description="The enterprise's contracts with service firms, oldest first, optionally by "
    "`status`. A firm under contract sees only its own.",
    responses=problem_responses(401, 404, 422, INVALID_CURSOR),
)
def list_enterprise_contracts(
    access: EnterpriseRead,
    session: DbSession,
    status: StatusFilter = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[ContractOut]:
    statement = service.readable(access.principal).where(
        ServiceContract.enterprise_id == access.enterprise.id
    )
    if status is not None:
        statement = statement.where(ServiceContract.status == status)
    rows, next_cursor = paginate(
        session, statement, keys=[ServiceContract.id], limit=limit, cursor=cursor
    )
    return Page(data=_outs(session, rows), next_cursor=next_cursor)


@router.get(
    "/v1/contracts/{contract_id}",
    summary="Get a contract",
    description="One contract, for the firm and the enterprise party to it, with its ETag.",
    responses=problem_responses(401, 404, 422),
)
def get_contract(contract: VisibleContract, session: DbSession, response: Response) -> ContractOut:
    return contract_out(session, contract, response)


def _action(action: str, summary: str, description: str, refusals: tuple[ErrorType, ...]) -> None:
    """A step of the lifecycle as a route; `refusals`: the problems of this step only."""

    def endpoint(
        contract: VisibleContract,
        principal: CurrentPrincipal,
        request: Request,
        session: DbSession,
        response: Response,
        data: ActionIn | None = None,
        if_match: IfMatch = None,
    ) -> ContractOut:
        check_if_match(
            if_match,
            etag_for(contract.id, contract.version),
            required=False,
        )
        changed = service.act(
            session, principal, contract.id, action, data or ActionIn(), request_id_of(request)
        )
        return contract_out(session, changed, response)

    endpoint.__name__ = f"{action}_contract"
    # In status order, as every operation lists its responses.
    named: list[int | ErrorType] = [401, MISSING_CAPABILITY, 404, 412, 422, *refusals]
    router.add_api_route(
        f"/v1/contracts/{{contract_id}}/{action}",
        endpoint,
        methods=["POST"],
        name=action,
        summary=summary,
        description=description + " Recorded in the history and the audit trail; `If-Match` "
        "is optional (412 when stale).",
        responses=problem_responses(*sorted(named, key=_status)),
        response_model=ContractOut,
    )


_action(
    "accept",
    "Accept a proposed contract",
    "The enterprise's admin (`contracts:manage`) accepts: the contract is `active`, and the "
    "firm's users reach the kinds in its scope while its period lasts. 403 for the firm; "
    "409 unless proposed, when its period is over, or while the enterprise is not verified "
    "(`enterprise_not_verified`: anyone can sign up claiming a credit code).",
    (
        errors.ENTERPRISE_ONLY,
        *_not("proposed"),
        errors.CONTRACT_EXPIRED,
        errors.ENTERPRISE_NOT_VERIFIED,
    ),
)
_action(
    "reject",
    "Reject a proposed contract",
    "The enterprise's admin rejects a proposal (an optional `reason`). 409 unless proposed.",
    (errors.ENTERPRISE_ONLY, *_not("proposed")),
)
_action(
    "withdraw",
    "Withdraw a proposal",
    "The firm's admin withdraws its proposal while it is still proposed (409 after).",
    (errors.FIRM_ONLY, *_not("proposed")),
)
_action(
    "end",
    "End a contract",
    "Either side's admin ends an active contract, with a `reason`; the firm's access ends at once.",
    (*_not("active"), errors.REASON_REQUIRED),
)


@router.get(
    "/v1/contracts/{contract_id}/history",
    summary="History of a contract",
    description="Every step of the contract's life, oldest first: who (user and "
    "organization), when, the status after it and the reason given.",
    responses=problem_responses(401, 404, 422, INVALID_CURSOR),
)
def contract_history(
    contract: VisibleContract,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[ContractEventOut]:
    rows, next_cursor = paginate(
        session,
        service.history(contract.id),
        keys=[ServiceContractEvent.at, ServiceContractEvent.id],
        limit=limit,
        cursor=cursor,
    )
    return Page(
        data=[ContractEventOut.model_validate(e, from_attributes=True) for e in rows],
        next_cursor=next_cursor,
    )
