"""Typed dependencies that routes declare: a route's signature says who may call it.

    def get_thing(access: EnterpriseRead) -> ...    # any principal that may read this enterprise
    def create_org(principal: PlatformOrganizer) -> ...

The principal comes from a verified access token; verification is cached per token so hot
paths pay for the signature once, and nothing here touches the database except the
enterprise and organization checks, which ask the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from app.core.error_catalog import ErrorType
from app.core.errors import INVALID_TOKEN, UNAUTHORIZED, Unauthorized
from app.core.ids import id_pattern
from app.core.signing import InvalidToken, VerifiedTokenCache
from app.core.unit_of_work import DbSession
from app.identity import errors, policy
from app.identity.models import Organization
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.regions.codes import RegionCodePath
from app.regions.models import Region

_bearer = HTTPBearer(auto_error=False, description="An access token from /v1/auth/token.")

EnterpriseId = Annotated[
    str, Path(pattern=id_pattern("ent"), description="Enterprise id (`ent_…`).")
]
OrganizationId = Annotated[
    str,
    Path(
        pattern=rf"{id_pattern('org')}|{id_pattern('ent')}",
        description="Organization id (`org_…`, or `ent_…` for an enterprise).",
    ),
]


def principal_from_token(request: Request, token: str) -> Principal:
    cache: VerifiedTokenCache = request.app.state.token_cache
    try:
        # The principal is immutable: a cached token's is built once, not on every request.
        return cache.verify_as(token, Principal.from_claims)
    except (InvalidToken, KeyError, ValueError) as exc:
        raise INVALID_TOKEN.problem("The access token is invalid or expired.") from exc


def bearer_token(authorization: str | None) -> str | None:
    """The credentials of an `Authorization: Bearer …` header, as FastAPI's HTTPBearer reads
    them (scheme case-insensitive, credentials stripped); None when there are none."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.partition(" ")
    credentials = credentials.strip()
    if not scheme or not credentials or scheme.lower() != "bearer":
        return None
    return credentials


def principal_key_for_request(request: Request) -> str | None:
    """The caller's id for scoping idempotency keys, or None when not authenticated."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    try:
        return principal_from_token(request, token).id
    except Unauthorized:
        return None


def authenticate(request: Request, token: str | None) -> Principal:
    """The principal of a bearer token (401 without one or for a bad one); remembered on
    `request.state` for the access log and auditing."""
    if token is None:
        raise UNAUTHORIZED.problem("This needs an access token: Authorization: Bearer <token>.")
    principal = principal_from_token(request, token)
    # request.state.principal, without building a State for it.
    request.scope.setdefault("state", {})["principal"] = principal
    return principal


def authenticate_request(request: Request) -> Principal:
    """`authenticate` for a request's own Authorization header (app/core/credentials_first.py)."""
    return authenticate(request, bearer_token(request.headers.get("authorization")))


async def require_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    return authenticate(request, None if credentials is None else credentials.credentials)


CurrentPrincipal = Annotated[Principal, Depends(require_principal)]


def requires(capability: Capability) -> Callable[..., Principal]:
    """A dependency that admits principals holding `capability` (403 otherwise)."""

    def dependency(principal: CurrentPrincipal) -> Principal:
        policy.require(principal, capability)
        return principal

    dependency.__name__ = f"requires_{capability.value.replace(':', '_')}"
    return dependency


async def _regulator(principal: CurrentPrincipal) -> Principal:
    if principal.organization_kind is not OrganizationKind.REGULATOR:
        raise errors.REGULATORS_ONLY.problem("This is for regulators.")
    return principal


# A member or client of a regulator; what it may do to which entry the policy decides.
Regulator = Annotated[Principal, Depends(_regulator)]


@dataclass(frozen=True)
class KindCheck:
    """Admits principals of some organization kinds that hold a capability: for another
    kind, 403 with this check's own declared error and words (the kind, not the role, is
    what is wrong); then the policy's 403 for a missing capability."""

    kinds: frozenset[OrganizationKind]
    capability: Capability
    refusal: str
    error: ErrorType

    def __call__(self, principal: Principal) -> Principal:
        if principal.organization_kind not in self.kinds:
            raise self.error.problem(self.refusal)
        policy.require(principal, self.capability)
        return principal

    @cached_property
    def dependency(self) -> Callable[..., object]:
        """The check as a FastAPI dependency on the current principal (one function per
        check, so FastAPI runs it once even where two parameters name it)."""

        async def dependency(principal: CurrentPrincipal) -> Principal:
            return self(principal)

        kinds = "_".join(sorted(kind.value for kind in self.kinds))
        dependency.__name__ = f"{kinds}_{self.capability.value.replace(':', '_')}"
        return dependency


# 403 unless a bank's, insurer's or licensing body's principal with blacklist:read.
check_institution = KindCheck(
    frozenset({OrganizationKind.INSTITUTION}),
    Capability.BLACKLIST_READ,
    "This is for banks, insurers and licensing bodies.",
    errors.INSTITUTIONS_ONLY,
)


def institution_from_request(request: Request) -> Principal:
    """`InstitutionQuerier` as a plain function, for routes that skip dependency solving:
    the same 401 and 403 problems, decided in the same order."""
    token = bearer_token(request.headers.get("authorization"))
    return check_institution(authenticate(request, token))


# A bank's, insurer's or licensing body's user or client with the blacklist:read scope.
InstitutionQuerier = Annotated[Principal, Depends(check_institution.dependency)]


@dataclass(frozen=True)
class EnterpriseAccess:
    principal: Principal
    enterprise: Organization


def enterprise_access(
    capability: Capability, record_kind: str | None = None
) -> Callable[..., object]:
    """A dependency admitting principals that may use `capability` on the path's enterprise
    (on its records of `record_kind`, for the registry's routes: a service firm's contract
    covers some kinds only)."""

    async def dependency(
        enterprise_id: EnterpriseId, principal: CurrentPrincipal, session: DbSession
    ) -> EnterpriseAccess:
        enterprise = await run_in_threadpool(
            policy.authorize_enterprise, session, principal, enterprise_id, capability, record_kind
        )
        return EnterpriseAccess(principal, enterprise)

    return dependency


@dataclass(frozen=True)
class RegionAccess:
    principal: Principal
    region: Region


async def _region_access(
    code: RegionCodePath, principal: CurrentPrincipal, session: DbSession
) -> RegionAccess:
    region = await run_in_threadpool(policy.authorize_region, session, principal, code)
    return RegionAccess(principal, region)


@dataclass(frozen=True)
class OrganizationAccess:
    principal: Principal
    organization: Organization


def _organization_access(capability: Capability) -> Callable[..., object]:
    async def dependency(
        organization_id: OrganizationId, principal: CurrentPrincipal, session: DbSession
    ) -> OrganizationAccess:
        organization = await run_in_threadpool(
            policy.authorize_organization, session, principal, organization_id, capability
        )
        return OrganizationAccess(principal, organization)

    return dependency


EnterpriseRead = Annotated[EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_READ))]
EnterpriseWrite = Annotated[EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_WRITE))]
EnterpriseVerify = Annotated[
    EnterpriseAccess, Depends(enterprise_access(Capability.ENTERPRISES_VERIFY))
]
OrganizationMembersAdmin = Annotated[
    OrganizationAccess, Depends(_organization_access(Capability.MEMBERS_MANAGE))
]
RegionWatch = Annotated[RegionAccess, Depends(_region_access)]
PlatformOrganizer = Annotated[Principal, Depends(requires(Capability.ORGANIZATIONS_CREATE))]
AuditReader = Annotated[Principal, Depends(requires(Capability.AUDIT_READ))]
