"""Access and refresh tokens: issuing, rotating, revoking.

Access tokens are short-lived ES256 JWTs that carry the principal (no database on the
request path); refresh tokens are opaque, stored only as hashes, rotated on every use, and a
replayed (already rotated) one revokes its whole family — the signature of a stolen token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.config import Settings
from app.core.ids import new_id
from app.core.signing import KeySet
from app.identity.models import Organization, RefreshToken, User
from app.identity.passwords import new_secret, secret_digest
from app.identity.principal import Principal
from app.identity.roles import GRANTABLE, Capability, OrganizationKind, Role, capabilities_of


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    scope: str
    refresh_token: str | None = None


def user_principal(
    user: User, organization: Organization, scopes: frozenset[Capability] | None
) -> Principal:
    kind = OrganizationKind(organization.kind)
    explicit = frozenset(Capability(c) for c in user.grants.split()) & GRANTABLE[kind]
    granted = capabilities_of(kind, Role(user.role)) | explicit
    return Principal(
        kind="user",
        id=user.id,
        organization_id=organization.id,
        organization_kind=kind,
        role=Role(user.role),
        capabilities=granted if scopes is None else granted & scopes,
        region_code=organization.region_code if kind is OrganizationKind.REGULATOR else None,
        token_id=new_id("jti"),
    )


def sign_access_token(principal: Principal, key_set: KeySet, settings: Settings) -> tuple[str, int]:
    now = clock.now()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims = {
        **principal.claims(),
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "jti": principal.token_id,
    }
    token = key_set.sign(claims, headers={"typ": "at+jwt"})
    return token, int(lifetime.total_seconds())


def issue_refresh_token(
    session: Session,
    user: User,
    scopes: frozenset[Capability],
    settings: Settings,
    family_id: str | None = None,
) -> str:
    secret = new_secret("rt")
    now = clock.now()
    session.add(
        RefreshToken(
            id=new_id("rft"),
            family_id=family_id or new_id("fam"),
            token_hash=secret_digest(secret),
            user_id=user.id,
            scopes=" ".join(sorted(scopes)),
            issued_at=now,
            expires_at=now + timedelta(days=settings.refresh_token_days),
        )
    )
    session.flush()
    return secret


def find_refresh_token(session: Session, secret: str) -> RefreshToken | None:
    return session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == secret_digest(secret))
    )


def revoke_family(session: Session, family_id: str) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def revoke_all_for_user(session: Session, user_id: str) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def parse_scope(raw: str | None) -> frozenset[Capability] | None:
    """Requested scopes, or None for "everything granted". Unknown names raise ValueError."""
    if raw is None or not raw.strip():
        return None
    return frozenset(Capability(name) for name in raw.split())


def constant_time_equal(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())
