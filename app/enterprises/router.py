"""`/v1/enterprises`: sign-up, the profile, and verification by the region's regulator."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response

from app.core.client_address import client_address
from app.core.errors import INVALID_CREDIT_CODE, INVALID_TRANSITION, problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.enterprises import errors, service
from app.enterprises.catalog import DesignatedSize, HighRiskCategory, SMEClass, VerificationStatus
from app.enterprises.models import Enterprise
from app.enterprises.schemas import EnterpriseOut, EnterprisePatch, EnterpriseSignup, Rejection
from app.enterprises.signup_guard import SignupGuard
from app.identity.auth import CurrentPrincipal, EnterpriseRead, EnterpriseVerify, EnterpriseWrite
from app.identity.errors import EMAIL_TAKEN, MISSING_CAPABILITY
from app.regions.codes import RegionCodeQuery
from app.regions.errors import REGION_NOT_A_LOCALITY, UNKNOWN_REGION

router = api_router(prefix="/v1/enterprises", tags=["enterprises"])


def _out(enterprise: Enterprise) -> EnterpriseOut:
    organization = enterprise.organization
    values = {
        field: getattr(organization if field in ("name", "region_code") else enterprise, field)
        for field in EnterpriseOut.model_fields
    }
    return EnterpriseOut.model_validate(values)


@router.post(
    "/signup",
    status_code=201,
    summary="Sign up an enterprise",
    description="Public. Creates the enterprise and its first admin. The credit code must pass "
    "GB 32100's checks and the region must exist. The enterprise starts `unverified` until a "
    "regulator whose region contains it verifies it; a credit code already held by a "
    "verified enterprise is refused (409). Limited per client address (429): so many sign-ups "
    "an hour, and refusals (409) are counted like failed sign-ins, locking the address for "
    "a time that doubles with each further refusal.",
    responses=problem_responses(
        EMAIL_TAKEN,
        errors.CREDIT_CODE_TAKEN,
        422,
        INVALID_CREDIT_CODE,
        errors.INVALID_INDUSTRY_CODE,
        UNKNOWN_REGION,
        REGION_NOT_A_LOCALITY,
        errors.SIGNUP_RATE_LIMITED,
    ),
)
def signup(
    data: EnterpriseSignup, request: Request, session: DbSession, response: Response
) -> EnterpriseOut:
    settings = request.app.state.settings
    address = client_address(request, settings.trusted_proxies)
    guard = SignupGuard.for_request(request.app.state.database, settings, address)
    enterprise = service.signup(session, data, guard=guard, request_id=request_id_of(request))
    response.headers["Location"] = f"/v1/enterprises/{enterprise.id}"
    response.headers["ETag"] = etag_for(enterprise.id, enterprise.version)
    return _out(enterprise)


@router.get(
    "",
    summary="List enterprises",
    description="Enterprises the caller may see: its own; a regulator's region; a service "
    "firm's clients. Filters: `region` (subtree), `industry` (code prefix), category, size "
    "classes, verification status, `name` (substring).",
    responses=problem_responses(401, 422),
)
def list_enterprises(
    principal: CurrentPrincipal,
    session: DbSession,
    region: RegionCodeQuery = None,
    industry: Annotated[str | None, Query(max_length=5)] = None,
    high_risk_category: HighRiskCategory | None = None,
    designated_size: DesignatedSize | None = None,
    sme_class: SMEClass | None = None,
    verification_status: VerificationStatus | None = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[EnterpriseOut]:
    filters = service.Filters(
        region, industry, high_risk_category, designated_size, sme_class, verification_status, name
    )
    statement = service.readable(principal, filters)
    rows, next_cursor = paginate(
        session, statement, keys=[Enterprise.id], limit=limit, cursor=cursor
    )
    return Page(data=[_out(e) for e in rows], next_cursor=next_cursor)


@router.get(
    "/{enterprise_id}",
    summary="Get an enterprise",
    description="The enterprise profile, with its ETag.",
    responses=problem_responses(401, 404, 422),
)
def get_enterprise(access: EnterpriseRead, session: DbSession, response: Response) -> EnterpriseOut:
    enterprise = service.get(session, access.enterprise)
    response.headers["ETag"] = etag_for(enterprise.id, enterprise.version)
    return _out(enterprise)


@router.patch(
    "/{enterprise_id}",
    summary="Update an enterprise profile",
    description="Partial update by the enterprise's admins and editors. Needs `If-Match`. The "
    "credit code cannot change (sign up again and ask the regulator to resolve).",
    responses=problem_responses(
        401,
        MISSING_CAPABILITY,
        404,
        412,
        422,
        errors.REQUIRED_FIELD,
        errors.INVALID_INDUSTRY_CODE,
        UNKNOWN_REGION,
        REGION_NOT_A_LOCALITY,
        428,
    ),
)
def update_enterprise(
    data: EnterprisePatch,
    access: EnterpriseWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> EnterpriseOut:
    enterprise = service.get(session, access.enterprise)
    check_if_match(if_match, etag_for(enterprise.id, enterprise.version))
    enterprise = service.update(session, access.principal, enterprise, data, request_id_of(request))
    response.headers["ETag"] = etag_for(enterprise.id, enterprise.version)
    return _out(enterprise)


@router.post(
    "/{enterprise_id}/verify",
    summary="Verify an enterprise",
    description="A regulator whose region contains the enterprise confirms it, from "
    "`unverified` or `rejected`. Refused (409 `invalid_transition`) when it is verified "
    "already, and (409 `credit_code_taken`) while another enterprise is verified with the "
    "same credit code.",
    responses=problem_responses(
        401, MISSING_CAPABILITY, 404, INVALID_TRANSITION, errors.CREDIT_CODE_TAKEN, 422
    ),
)
def verify_enterprise(
    access: EnterpriseVerify, request: Request, session: DbSession
) -> EnterpriseOut:
    enterprise = service.get(session, access.enterprise)
    return _out(service.verify(session, access.principal, enterprise, request_id_of(request)))


@router.post(
    "/{enterprise_id}/reject",
    summary="Reject an enterprise's sign-up",
    description="A regulator of the region rejects a claim (for example a competing claim to "
    "a credit code), with a reason the enterprise sees: an `unverified` one, or a `verified` "
    "one whose verification is withdrawn (`verified_at` is cleared). Refused (409 "
    "`invalid_transition`) when it is rejected already.",
    responses=problem_responses(401, MISSING_CAPABILITY, 404, INVALID_TRANSITION, 422),
)
def reject_enterprise(
    data: Rejection, access: EnterpriseVerify, request: Request, session: DbSession
) -> EnterpriseOut:
    enterprise = service.get(session, access.enterprise)
    return _out(
        service.reject(session, access.principal, enterprise, data.reason, request_id_of(request))
    )
