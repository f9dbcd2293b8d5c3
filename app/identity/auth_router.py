"""`/v1/auth/token`, `/v1/auth/revoke`, `/.well-known/jwks.json` and `/v1/me`."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse

from app.core.client_address import client_address
from app.core.errors import problem_responses
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.storable_input import refuse_decoded
from app.core.unit_of_work import DbSession
from app.identity import oauth
from app.identity.auth import CurrentPrincipal
from app.identity.models import Organization, User
from app.identity.schemas import Me, OAuthErrorBody, OrganizationOut, TokenResponse

router = api_router(tags=["auth"])
well_known = APIRouter(tags=["auth"])

_OAUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": OAuthErrorBody, "description": "RFC 6749 error (invalid_grant, …)"},
    401: {"model": OAuthErrorBody, "description": "invalid_client"},
    429: {"model": OAuthErrorBody, "description": "Too many failed sign-ins (Retry-After)"},
    # A form that fails validation (a missing or too long field) is a problem, like elsewhere.
    **problem_responses(422),
}


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(value).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    # Decoded here, out of reach of the edge check; the client id is looked up and recorded.
    refuse_decoded(("header", "authorization"), client_id + secret)
    return client_id, secret


def _oauth_error(request: Request, error: oauth.OAuthError) -> JSONResponse:
    headers = {"Cache-Control": "no-store"}
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="anxin"'
    # The failure itself is recorded (lockout counters, audit): keep those writes.
    request.state.commit_despite_error = True
    return JSONResponse(
        {"error": error.error, "error_description": error.description},
        status_code=error.status,
        headers=headers,
    )


GRANT_TYPES = ("password", "client_credentials", "refresh_token")


@router.post(
    "/v1/auth/token",
    summary="Get tokens (OAuth 2.0 token endpoint)",
    description="Form-encoded, per RFC 6749. Grants: `password` (username = email), "
    "`client_credentials` (client id and secret in the form or HTTP Basic) and "
    "`refresh_token` (rotates: the old refresh token stops working). Errors are OAuth JSON. "
    "Repeated failed sign-ins for an account or an address are refused for a while (429).",
    response_model=TokenResponse,
    responses=_OAUTH_ERRORS,
)
def token(
    request: Request,
    session: DbSession,
    grant_type: Annotated[
        str,
        Form(
            min_length=1,
            max_length=40,
            # Declared, and answered by the handler itself: RFC 6749 wants another grant
            # refused with 400 `unsupported_grant_type`, not a validation problem.
            json_schema_extra={"enum": list(GRANT_TYPES)},
        ),
    ],
    username: Annotated[str | None, Form(max_length=254)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    scope: Annotated[str | None, Form(max_length=500)] = None,
    refresh_token: Annotated[str | None, Form(max_length=200)] = None,
    client_id: Annotated[str | None, Form(max_length=60)] = None,
    client_secret: Annotated[str | None, Form(max_length=200)] = None,
) -> Any:
    settings = request.app.state.settings
    ctx = oauth.GrantContext(
        session=session,
        database=request.app.state.database,
        settings=settings,
        key_set=request.app.state.token_keys,
        client_address=client_address(request, settings.trusted_proxies),
        request_id=request_id_of(request),
    )
    try:
        if grant_type == "password":
            if not username or password is None:
                raise oauth.OAuthError("invalid_request", "username and password are required.")
            issued = oauth.password_grant(ctx, username, password, scope)
        elif grant_type == "client_credentials":
            basic = _basic_credentials(request)
            cid, secret = basic if basic else (client_id or "", client_secret or "")
            issued = oauth.client_credentials_grant(ctx, cid, secret, scope)
        elif grant_type == "refresh_token":
            if not refresh_token:
                raise oauth.OAuthError("invalid_request", "refresh_token is required.")
            issued = oauth.refresh_token_grant(ctx, refresh_token, scope)
        else:
            raise oauth.OAuthError("unsupported_grant_type", f"Unsupported grant {grant_type!r}.")
    except oauth.OAuthError as error:
        return _oauth_error(request, error)
    body = TokenResponse(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        scope=issued.scope,
        refresh_token=issued.refresh_token,
    )
    return JSONResponse(body.model_dump(exclude_none=True), headers={"Cache-Control": "no-store"})


@router.post(
    "/v1/auth/revoke",
    summary="Revoke a refresh token (RFC 7009)",
    description="Revokes the refresh token and every token rotated from the same sign-in. "
    "Always 200, also for unknown tokens. Access tokens cannot be revoked: they expire "
    "within minutes.",
    responses={200: {"description": "Revoked (or nothing to revoke)"}, **problem_responses(422)},
)
def revoke(
    request: Request,
    session: DbSession,
    token: Annotated[str, Form(min_length=1, max_length=2000)],
    token_type_hint: Annotated[str | None, Form(max_length=40)] = None,
) -> JSONResponse:
    ctx = oauth.GrantContext(
        session=session,
        database=request.app.state.database,
        settings=request.app.state.settings,
        key_set=request.app.state.token_keys,
        client_address="",
        request_id=request_id_of(request),
    )
    oauth.revoke(ctx, token)
    return JSONResponse({})


@well_known.get(
    "/.well-known/jwks.json",
    summary="Public signing keys (JWKS)",
    description="The public keys that verify access tokens and institution receipts. Keys "
    "stay listed after rotation for as long as what they signed must verify.",
)
async def jwks(request: Request) -> dict[str, list[dict[str, str]]]:
    keys = [
        *request.app.state.token_keys.public_jwks(),
        *request.app.state.receipt_keys.public_jwks(),
    ]
    return {"keys": keys}


@router.get(
    "/v1/me",
    summary="Who am I",
    description="The calling principal: its organization, role and capabilities.",
    responses=problem_responses(401),
)
def me(principal: CurrentPrincipal, session: DbSession) -> Me:
    organization = session.get(Organization, principal.organization_id)
    user = session.get(User, principal.id) if principal.kind == "user" else None
    return Me(
        kind=principal.kind,
        id=principal.id,
        organization=OrganizationOut.model_validate(organization),
        role=principal.role,
        capabilities=sorted(principal.capabilities),
        email=user.email if user else None,
        display_name=user.display_name if user else None,
    )
