"""Organizations and their members: creating, inviting, changing roles, machine clients."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.audit_chain import changes_between
from app.core.config import Settings
from app.core.errors import NOT_FOUND, FieldError
from app.core.ids import new_id
from app.identity import errors, policy, tokens
from app.identity.auditing import audit
from app.identity.models import Client, Invitation, Organization, User
from app.identity.passwords import hash_password, new_secret, secret_digest
from app.identity.principal import Principal
from app.identity.roles import CLIENT_SCOPES, GRANTABLE, OrganizationKind, Role, roles_for
from app.identity.schemas import (
    InvitationIn,
    InvitationRedeem,
    MachineClientIn,
    OrganizationIn,
    UserPatch,
)
from app.regions.service import require_region


@dataclass(frozen=True)
class RequestContext:
    """What a service needs to know about the request besides its inputs."""

    session: Session
    principal: Principal | None
    request_id: str | None


def create_organization(ctx: RequestContext, data: OrganizationIn) -> Organization:
    if data.kind not in (
        OrganizationKind.REGULATOR,
        OrganizationKind.INSTITUTION,
        OrganizationKind.SERVICE_FIRM,
    ):
        raise errors.ORGANIZATION_KIND_NOT_CREATABLE.problem(
            "Only regulator, institution and service_firm organizations are created here; "
            "enterprises sign up at /v1/enterprises/signup.",
            errors=[FieldError(field="body.kind", message="not creatable", code="invalid")],
        )
    if data.kind is OrganizationKind.REGULATOR and data.region_code is None:
        raise errors.REGION_REQUIRED.problem(
            "A regulator needs the region it supervises.",
            errors=[FieldError(field="body.region_code", message="required", code="missing")],
        )
    if data.region_code is not None:
        require_region(ctx.session, data.region_code, field="body.region_code")
    organization = new_organization(ctx.session, data.kind, data.name, data.region_code)
    _audit(
        ctx,
        "organization.create",
        "organization",
        organization.id,
        organization.id,
        {"kind": data.kind.value, "name": data.name, "region_code": data.region_code},
    )
    return organization


def new_organization(
    session: Session, kind: OrganizationKind, name: str, region_code: str | None
) -> Organization:
    prefix = "ent" if kind is OrganizationKind.ENTERPRISE else "org"
    organization = Organization(
        id=new_id(prefix),
        kind=kind.value,
        name=name,
        region_code=region_code,
        status="active",
        created_at=clock.now(),
    )
    session.add(organization)
    session.flush()
    return organization


def readable_organizations(
    principal: Principal, kind: OrganizationKind | None
) -> Select[Organization]:
    statement = select(Organization).where(
        policy.can_read_organizations(principal, Organization.id)
    )
    if kind is not None:
        statement = statement.where(Organization.kind == kind.value)
    return statement


def members_of(organization: Organization) -> Select[User]:
    return select(User).where(User.organization_id == organization.id)


def invitations_of(organization: Organization) -> Select[Invitation]:
    return select(Invitation).where(Invitation.organization_id == organization.id)


def clients_of(organization: Organization) -> Select[Client]:
    return select(Client).where(Client.organization_id == organization.id)


def new_user(
    session: Session,
    organization: Organization,
    email: str,
    display_name: str,
    role: Role,
    password: str,
) -> User:
    _check_role(organization, role)
    email = email.strip().lower()
    _refuse_taken_email(session, email)
    user = User(
        id=new_id("usr"),
        organization_id=organization.id,
        email=email,
        display_name=display_name,
        role=role.value,
        grants="",
        password_hash=hash_password(password),
        status="active",
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    return user


def _check_role(organization: Organization, role: Role) -> None:
    if role not in roles_for(OrganizationKind(organization.kind)):
        raise errors.ROLE_NOT_ALLOWED.problem(
            f"Role {role.value} does not exist in a {organization.kind} organization.",
            errors=[FieldError(field="body.role", message="not allowed here", code="invalid")],
        )


def _refuse_taken_email(session: Session, email: str) -> None:
    if session.scalar(
        select(func.count()).select_from(User).where(func.lower(User.email) == email)
    ):
        raise errors.EMAIL_TAKEN.problem("A user with this email already exists.")


def invite(
    ctx: RequestContext, organization: Organization, data: InvitationIn, settings: Settings
) -> tuple[Invitation, str]:
    _check_role(organization, data.role)
    # An email that already has an account is not refused here but at redemption: telling
    # an inviter would let any organization admin probe who is on the platform.
    token = new_secret("inv")
    now = clock.now()
    invitation = Invitation(
        id=new_id("inv"),
        organization_id=organization.id,
        email=str(data.email).lower(),
        role=data.role.value,
        token_hash=secret_digest(token),
        invited_by=ctx.principal.id if ctx.principal else None,
        created_at=now,
        expires_at=now + timedelta(days=settings.invitation_days),
    )
    ctx.session.add(invitation)
    ctx.session.flush()
    _audit(
        ctx,
        "invitation.create",
        "invitation",
        invitation.id,
        organization.id,
        {"email": invitation.email, "role": invitation.role},
    )
    return invitation, token


def redeem_invitation(ctx: RequestContext, data: InvitationRedeem) -> User:
    invitation = ctx.session.scalar(
        select(Invitation).where(Invitation.token_hash == secret_digest(data.token))
    )
    now = clock.now()
    if (
        invitation is None
        or invitation.redeemed_at is not None
        or invitation.revoked_at is not None
        or invitation.expires_at <= now
    ):
        raise errors.INVITATION_INVALID.problem(
            "This invitation does not exist, was used already or has expired."
        )
    organization = ctx.session.get(Organization, invitation.organization_id)
    if organization is None:
        raise errors.INVITATION_INVALID.problem("This invitation does not exist.")
    user = new_user(
        ctx.session,
        organization,
        invitation.email,
        data.display_name,
        Role(invitation.role),
        data.password,
    )
    invitation.redeemed_at = now
    audit(
        ctx.session,
        actor=None,
        actor_id=user.id,
        actor_organization_id=organization.id,
        action="invitation.redeem",
        resource_type="user",
        resource_id=user.id,
        subject_organization_id=organization.id,
        request_id=ctx.request_id,
        changes={"email": user.email, "role": user.role},
    )
    return user


def get_member(session: Session, organization: Organization, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.organization_id != organization.id:
        raise NOT_FOUND.problem(f"No user {user_id} in this organization.")
    return user


def update_member(
    ctx: RequestContext, organization: Organization, user: User, data: UserPatch
) -> User:
    before = {
        "role": user.role,
        "grants": user.grants,
        "status": user.status,
        "display_name": user.display_name,
    }
    if data.role is not None:
        _check_role(organization, data.role)
        user.role = data.role.value
    if data.display_name is not None:
        user.display_name = data.display_name
    if data.grants is not None:
        refused = sorted(set(data.grants) - GRANTABLE[OrganizationKind(organization.kind)])
        if refused:
            raise errors.GRANT_NOT_ALLOWED.problem(
                f"A {organization.kind} user cannot be granted: {', '.join(refused)}.",
                errors=[FieldError(field="body.grants", message="not grantable", code="invalid")],
            )
        user.grants = " ".join(sorted(set(data.grants)))
    if data.status is not None:
        user.status = data.status
    if (
        ctx.principal is not None
        and user.id == ctx.principal.id
        and (user.status != "active" or user.role != before["role"])
    ):
        raise errors.SELF_CHANGE.problem("You cannot disable yourself or change your own role.")
    if user.status == "disabled":
        tokens.revoke_all_for_user(ctx.session, user.id)
    after = {
        "role": user.role,
        "grants": user.grants,
        "status": user.status,
        "display_name": user.display_name,
    }
    ctx.session.flush()
    _audit(ctx, "user.update", "user", user.id, organization.id, changes_between(before, after))
    return user


def create_client(
    ctx: RequestContext, organization: Organization, data: MachineClientIn
) -> tuple[Client, str]:
    allowed = CLIENT_SCOPES[OrganizationKind(organization.kind)]
    refused = sorted(set(data.scopes) - allowed)
    if refused:
        raise errors.SCOPE_NOT_ALLOWED.problem(
            f"A {organization.kind} client cannot hold: {', '.join(refused)}.",
            errors=[FieldError(field="body.scopes", message="not allowed", code="invalid")],
        )
    secret = new_secret("cs")
    client = Client(
        id=new_id("cli"),
        organization_id=organization.id,
        name=data.name,
        secret_hash=secret_digest(secret),
        scopes=" ".join(sorted(set(data.scopes))),
        created_by=ctx.principal.id if ctx.principal else None,
        created_at=clock.now(),
    )
    ctx.session.add(client)
    ctx.session.flush()
    _audit(
        ctx,
        "client.create",
        "client",
        client.id,
        organization.id,
        {"name": client.name, "scopes": client.scopes},
    )
    return client, secret


def get_client(session: Session, organization: Organization, client_id: str) -> Client:
    client = session.get(Client, client_id)
    if client is None or client.organization_id != organization.id:
        raise NOT_FOUND.problem(f"No client {client_id} in this organization.")
    return client


def disable_client(ctx: RequestContext, organization: Organization, client: Client) -> Client:
    if client.disabled_at is None:
        client.disabled_at = clock.now()
        ctx.session.flush()
        _audit(ctx, "client.disable", "client", client.id, organization.id, None)
    return client


def rotate_client_secret(ctx: RequestContext, organization: Organization, client: Client) -> str:
    secret = new_secret("cs")
    client.secret_hash = secret_digest(secret)
    ctx.session.flush()
    _audit(ctx, "client.rotate_secret", "client", client.id, organization.id, None)
    return secret


def _audit(
    ctx: RequestContext,
    action: str,
    resource_type: str,
    resource_id: str,
    subject: str,
    changes: Mapping[str, Any] | None,
) -> None:
    audit(
        ctx.session,
        actor=ctx.principal,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        subject_organization_id=subject,
        request_id=ctx.request_id,
        changes=changes,
    )
