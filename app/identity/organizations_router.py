"""Organizations and their members: `/v1/organizations/…` and `/v1/invitations/redeem`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request, Response

from app.core.errors import problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity import errors, service
from app.identity.auth import CurrentPrincipal, OrganizationMembersAdmin, PlatformOrganizer
from app.identity.models import Client, Invitation, Organization, User
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.identity.schemas import (
    InvitationCreated,
    InvitationIn,
    InvitationOut,
    InvitationRedeem,
    MachineClientCreated,
    MachineClientIn,
    MachineClientOut,
    OrganizationIn,
    OrganizationOut,
    UserOut,
    UserPatch,
)
from app.identity.service import RequestContext
from app.regions.errors import UNKNOWN_REGION

router = api_router(tags=["organizations"])

UserId = Annotated[str, Path(pattern=id_pattern("usr"))]
ClientId = Annotated[str, Path(pattern=id_pattern("cli"))]


def _ctx(request: Request, session: DbSession, principal: Principal | None) -> RequestContext:
    return RequestContext(
        session=session,
        principal=principal,
        request_id=request_id_of(request),
    )


def _client_out(client: Client) -> MachineClientOut:
    return MachineClientOut(
        id=client.id,
        organization_id=client.organization_id,
        name=client.name,
        scopes=[Capability(scope) for scope in client.scopes.split()],
        created_at=client.created_at,
        disabled_at=client.disabled_at,
    )


@router.post(
    "/v1/organizations",
    status_code=201,
    summary="Create an organization",
    description="Platform only: onboard a regulator (with its region), an institution or a "
    "service firm. Invite its first admin next.",
    responses=problem_responses(
        401,
        errors.MISSING_CAPABILITY,
        422,
        errors.ORGANIZATION_KIND_NOT_CREATABLE,
        errors.REGION_REQUIRED,
        UNKNOWN_REGION,
    ),
)
def create_organization(
    data: OrganizationIn,
    principal: PlatformOrganizer,
    request: Request,
    session: DbSession,
    response: Response,
) -> OrganizationOut:
    organization = service.create_organization(_ctx(request, session, principal), data)
    response.headers["Location"] = f"/v1/organizations/{organization.id}"
    return OrganizationOut.model_validate(organization)


@router.get(
    "/v1/organizations",
    summary="List organizations",
    description="The platform sees every organization; anyone else only their own.",
    responses=problem_responses(401, 422),
)
def list_organizations(
    principal: CurrentPrincipal,
    session: DbSession,
    kind: OrganizationKind | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[OrganizationOut]:
    statement = service.readable_organizations(principal, kind)
    rows, next_cursor = paginate(
        session, statement, keys=[Organization.id], limit=limit, cursor=cursor
    )
    return Page(data=[OrganizationOut.model_validate(o) for o in rows], next_cursor=next_cursor)


@router.get(
    "/v1/organizations/{organization_id}/users",
    summary="List members",
    description="Users of the organization. Organization admins (and the platform).",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def list_users(
    access: OrganizationMembersAdmin,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[UserOut]:
    statement = service.members_of(access.organization)
    rows, next_cursor = paginate(session, statement, keys=[User.id], limit=limit, cursor=cursor)
    return Page(data=[UserOut.model_validate(u) for u in rows], next_cursor=next_cursor)


@router.get(
    "/v1/organizations/{organization_id}/users/{user_id}",
    summary="Get a member",
    description="One user of the organization, with the ETag that a change needs.",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def get_user(
    user_id: UserId, access: OrganizationMembersAdmin, session: DbSession, response: Response
) -> UserOut:
    user = service.get_member(session, access.organization, user_id)
    response.headers["ETag"] = etag_for(user.id, user.version)
    return UserOut.model_validate(user)


@router.patch(
    "/v1/organizations/{organization_id}/users/{user_id}",
    summary="Change a member",
    description="Change a user's role, display name or status (`disabled` also revokes their "
    "refresh tokens). Needs `If-Match` with the ETag of GET …/users/{user_id} or of a "
    "previous change.",
    responses=problem_responses(
        401,
        errors.MISSING_CAPABILITY,
        404,
        errors.SELF_CHANGE,
        412,
        422,
        errors.ROLE_NOT_ALLOWED,
        errors.GRANT_NOT_ALLOWED,
        428,
    ),
)
def update_user(
    user_id: UserId,
    data: UserPatch,
    access: OrganizationMembersAdmin,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> UserOut:
    user = service.get_member(session, access.organization, user_id)
    check_if_match(if_match, etag_for(user.id, user.version))
    user = service.update_member(
        _ctx(request, session, access.principal), access.organization, user, data
    )
    response.headers["ETag"] = etag_for(user.id, user.version)
    return UserOut.model_validate(user)


@router.post(
    "/v1/organizations/{organization_id}/invitations",
    status_code=201,
    summary="Invite a member",
    description="Creates a one-time invitation for an email and role. The response carries "
    "the token once: pass it to the invitee, who redeems it at /v1/invitations/redeem.",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422, errors.ROLE_NOT_ALLOWED),
)
def create_invitation(
    data: InvitationIn,
    access: OrganizationMembersAdmin,
    request: Request,
    session: DbSession,
    response: Response,
) -> InvitationCreated:
    invitation, token = service.invite(
        _ctx(request, session, access.principal),
        access.organization,
        data,
        request.app.state.settings,
    )
    response.headers["Location"] = (
        f"/v1/organizations/{access.organization.id}/invitations/{invitation.id}"
    )
    return InvitationCreated(**InvitationOut.model_validate(invitation).model_dump(), token=token)


@router.get(
    "/v1/organizations/{organization_id}/invitations",
    summary="List invitations",
    description="Invitations of the organization, redeemed or not (tokens are never shown again).",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def list_invitations(
    access: OrganizationMembersAdmin,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[InvitationOut]:
    statement = service.invitations_of(access.organization)
    rows, next_cursor = paginate(
        session, statement, keys=[Invitation.id], limit=limit, cursor=cursor
    )
    return Page(data=[InvitationOut.model_validate(i) for i in rows], next_cursor=next_cursor)


@router.post(
    "/v1/invitations/redeem",
    status_code=201,
    summary="Redeem an invitation",
    description="The invitee sets their display name and password (at least 12 characters); "
    "the invitation then stops working. Then sign in at /v1/auth/token.",
    responses=problem_responses(errors.INVITATION_INVALID, errors.EMAIL_TAKEN, 422),
)
def redeem_invitation(data: InvitationRedeem, request: Request, session: DbSession) -> UserOut:
    user = service.redeem_invitation(_ctx(request, session, None), data)
    return UserOut.model_validate(user)


@router.post(
    "/v1/organizations/{organization_id}/clients",
    status_code=201,
    summary="Create a machine client",
    description="An OAuth2 client for an integration (client_credentials grant). The secret "
    "is in this response only. Scopes must suit the organization's kind (an institution: "
    "`blacklist:read`; an enterprise: `records:read`, `records:write`).",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422, errors.SCOPE_NOT_ALLOWED),
)
def create_client(
    data: MachineClientIn,
    access: OrganizationMembersAdmin,
    request: Request,
    session: DbSession,
    response: Response,
) -> MachineClientCreated:
    client, secret = service.create_client(
        _ctx(request, session, access.principal), access.organization, data
    )
    response.headers["Location"] = f"/v1/organizations/{access.organization.id}/clients/{client.id}"
    return MachineClientCreated(**_client_out(client).model_dump(), client_secret=secret)


@router.get(
    "/v1/organizations/{organization_id}/clients",
    summary="List machine clients",
    description="The organization's machine clients (secrets are never shown again).",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def list_clients(
    access: OrganizationMembersAdmin,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[MachineClientOut]:
    statement = service.clients_of(access.organization)
    rows, next_cursor = paginate(session, statement, keys=[Client.id], limit=limit, cursor=cursor)
    return Page(data=[_client_out(c) for c in rows], next_cursor=next_cursor)


@router.post(
    "/v1/organizations/{organization_id}/clients/{client_id}/disable",
    summary="Disable a machine client",
    description="The client can no longer get tokens. Tokens already issued expire within minutes.",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def disable_client(
    client_id: ClientId, access: OrganizationMembersAdmin, request: Request, session: DbSession
) -> MachineClientOut:
    client = service.get_client(session, access.organization, client_id)
    client = service.disable_client(
        _ctx(request, session, access.principal), access.organization, client
    )
    return _client_out(client)


@router.post(
    "/v1/organizations/{organization_id}/clients/{client_id}/rotate-secret",
    summary="Rotate a client's secret",
    description="Issues a new secret (shown once); the old one stops working at once.",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 404, 422),
)
def rotate_client_secret(
    client_id: ClientId, access: OrganizationMembersAdmin, request: Request, session: DbSession
) -> MachineClientCreated:
    client = service.get_client(session, access.organization, client_id)
    secret = service.rotate_client_secret(
        _ctx(request, session, access.principal), access.organization, client
    )
    return MachineClientCreated(**_client_out(client).model_dump(), client_secret=secret)
