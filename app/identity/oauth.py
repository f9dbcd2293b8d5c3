"""The OAuth 2.0 token endpoint's grants (RFC 6749) and revocation (RFC 7009).

Errors here are OAuth's own JSON (`{"error": "invalid_grant", …}`), not problem details:
OAuth client libraries parse that format. Failed sign-ins are counted and audited even
though the response is an error, so the request is marked to commit despite it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.config import Settings
from app.core.database import Database
from app.core.ids import new_id
from app.core.signing import KeySet
from app.identity import throttle, tokens
from app.identity.auditing import audit
from app.identity.models import Client, Organization, RefreshToken, User
from app.identity.passwords import secret_digest, verify_password
from app.identity.principal import Principal
from app.identity.roles import CLIENT_SCOPES, Capability, OrganizationKind
from app.identity.tokens import IssuedTokens

SIGN_IN_WINDOW = timedelta(minutes=15)


class OAuthError(Exception):
    def __init__(
        self, error: str, description: str, *, status: int = 400, retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status
        self.retry_after = retry_after


@dataclass(frozen=True)
class GrantContext:
    session: Session  # the request's transaction
    database: Database  # for the sign-in attempt's own, shorter one
    settings: Settings
    key_set: KeySet
    client_address: str
    request_id: str | None


def _scopes(raw: str | None) -> frozenset[Capability] | None:
    try:
        return tokens.parse_scope(raw)
    except ValueError as exc:
        raise OAuthError("invalid_scope", "Unknown scope requested.") from exc


def password_grant(
    ctx: GrantContext, username: str, password: str, scope: str | None
) -> IssuedTokens:
    requested = _scopes(scope)
    email = username.strip().lower()
    account_key, address_key = f"signin:account:{email}", f"signin:address:{ctx.client_address}"
    attempt = _count_attempt(ctx, email, account_key, address_key)
    # Argon2 takes tens of milliseconds and is checked outside any transaction: on the
    # embedded SQLite a transaction open across it would make every other write wait.
    # Verify even for an unknown account, so timing does not tell which accounts exist.
    password_ok = verify_password(attempt.password_hash, password)
    user = ctx.session.get(User, attempt.user_id) if attempt.user_id else None
    organization = ctx.session.get(Organization, user.organization_id) if user else None
    if (
        user is None
        or organization is None
        or user.status != "active"
        or organization.status != "active"
        or user.password_hash != attempt.password_hash  # changed while it was being checked
        or not password_ok
    ):
        # The account's counter already holds this attempt; the address's is counted here.
        _count_failure(ctx.session, ctx, address_key, ctx.settings.login_failures_per_address)
        audit(
            ctx.session,
            actor=None,
            action="auth.login_failed",
            resource_type="user",
            resource_id=user.id if user else None,
            subject_organization_id=user.organization_id if user else None,
            request_id=ctx.request_id,
            changes={"email": email, "address": ctx.client_address},
        )
        raise OAuthError("invalid_grant", "The email or password is wrong.")
    throttle.clear(ctx.session, account_key)
    # A plain UPDATE: signing in is not an edit of the user, so it must not change the
    # version (and the ETag an admin may be editing against).
    users = User.metadata.tables[User.__tablename__]
    ctx.session.execute(
        update(users).where(users.c.id == user.id).values(last_login_at=clock.now())
    )
    principal = tokens.user_principal(user, organization, requested)
    access, expires_in = tokens.sign_access_token(principal, ctx.key_set, ctx.settings)
    refresh = tokens.issue_refresh_token(ctx.session, user, principal.capabilities, ctx.settings)
    audit(
        ctx.session,
        actor=principal,
        action="auth.login",
        resource_type="user",
        resource_id=user.id,
        subject_organization_id=organization.id,
        request_id=ctx.request_id,
    )
    return IssuedTokens(access, expires_in, " ".join(sorted(principal.capabilities)), refresh)


@dataclass(frozen=True)
class _Attempt:
    user_id: str | None
    password_hash: str | None


def _count_attempt(ctx: GrantContext, email: str, account_key: str, address_key: str) -> _Attempt:
    """Refuse the attempt if the account or the address is locked; otherwise count it as a
    failure of the account before its password is checked, and commit that at once.

    A short transaction of its own, so that the write lock is not held across the password
    check. Counting first keeps concurrent guesses honest: attempts on one account queue on
    its counter's row only for this step, each sees the ones before it, and no more than the
    free attempts ever reach the password check. A successful sign-in clears the count.
    """
    if ctx.session.in_transaction():
        # The request writes already (it claimed an Idempotency-Key): on SQLite a second
        # write transaction would wait for the request's own lock until it timed out. Count
        # in the request's transaction; the route commits it, refusal or not.
        return _refuse_or_count(ctx.session, ctx, email, account_key, address_key)
    with ctx.database.session(write=True) as session:
        try:
            attempt = _refuse_or_count(session, ctx, email, account_key, address_key)
        except OAuthError:
            session.commit()  # the refusal is audited
            raise
        session.commit()
        return attempt


def _refuse_or_count(
    session: Session, ctx: GrantContext, email: str, account_key: str, address_key: str
) -> _Attempt:
    # The address counter is read without a lock: a shared office address must not
    # serialize everyone's sign-in.
    throttle.hold(session, account_key, SIGN_IN_WINDOW)
    refused = throttle.refusal(session, [account_key, address_key])
    if refused is not None:
        audit(
            session,
            actor=None,
            action="auth.login_refused",
            resource_type="user",
            resource_id=None,
            subject_organization_id=None,
            request_id=ctx.request_id,
            changes={"email": email, "address": ctx.client_address, "locked": refused.key},
        )
        raise OAuthError(
            "temporarily_unavailable",
            "Too many failed sign-ins; try again later.",
            status=429,
            retry_after=refused.retry_after_seconds,
        )
    _count_failure(session, ctx, account_key, ctx.settings.login_failures_before_lockout)
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    return _Attempt(user.id, user.password_hash) if user else _Attempt(None, None)


def _count_failure(session: Session, ctx: GrantContext, key: str, free_attempts: int) -> None:
    throttle.record_failure(
        session,
        key,
        free_attempts=free_attempts,
        window=SIGN_IN_WINDOW,
        max_lockout=timedelta(seconds=ctx.settings.login_max_lockout_seconds),
    )


def client_credentials_grant(
    ctx: GrantContext, client_id: str, client_secret: str, scope: str | None
) -> IssuedTokens:
    requested = _scopes(scope)
    client = ctx.session.get(Client, client_id) if client_id else None
    organization = ctx.session.get(Organization, client.organization_id) if client else None
    if (
        client is None
        or organization is None
        or client.disabled_at is not None
        or organization.status != "active"
        or not tokens.constant_time_equal(client.secret_hash, secret_digest(client_secret))
    ):
        raise OAuthError("invalid_client", "Client authentication failed.", status=401)
    kind = OrganizationKind(organization.kind)
    granted = frozenset(Capability(s) for s in client.scopes.split()) & CLIENT_SCOPES[kind]
    if requested is not None and not requested <= granted:
        raise OAuthError("invalid_scope", "The client was not granted every requested scope.")
    principal = Principal(
        kind="client",
        id=client.id,
        organization_id=organization.id,
        organization_kind=kind,
        role=None,
        capabilities=granted if requested is None else requested,
        region_code=organization.region_code if kind is OrganizationKind.REGULATOR else None,
        token_id=new_id("jti"),
    )
    access, expires_in = tokens.sign_access_token(principal, ctx.key_set, ctx.settings)
    audit(
        ctx.session,
        actor=principal,
        action="auth.client_token",
        resource_type="client",
        resource_id=client.id,
        subject_organization_id=organization.id,
        request_id=ctx.request_id,
        changes={"scope": " ".join(sorted(principal.capabilities))},
    )
    return IssuedTokens(access, expires_in, " ".join(sorted(principal.capabilities)))


def refresh_token_grant(ctx: GrantContext, refresh_token: str, scope: str | None) -> IssuedTokens:
    requested = _scopes(scope)
    stored = tokens.find_refresh_token(ctx.session, refresh_token)
    now = clock.now()
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked.")
    if stored.rotated_at is not None:
        # A rotated token came back: someone holds a copy. Revoke every token of the family.
        _revoke_family(ctx, stored, "auth.refresh_token_reused")
        raise OAuthError("invalid_grant", "The refresh token was already used; sign in again.")
    user = ctx.session.get(User, stored.user_id)
    organization = ctx.session.get(Organization, user.organization_id) if user else None
    if (
        user is None
        or organization is None
        or user.status != "active"
        or organization.status != "active"
    ):
        raise OAuthError("invalid_grant", "The account is disabled.")
    family_scopes = frozenset(Capability(s) for s in stored.scopes.split())
    if requested is not None and not requested <= family_scopes:
        raise OAuthError("invalid_scope", "A refresh cannot widen the granted scopes.")
    stored.rotated_at = now
    principal = tokens.user_principal(user, organization, requested or family_scopes)
    access, expires_in = tokens.sign_access_token(principal, ctx.key_set, ctx.settings)
    refresh = tokens.issue_refresh_token(
        ctx.session, user, principal.capabilities, ctx.settings, family_id=stored.family_id
    )
    return IssuedTokens(access, expires_in, " ".join(sorted(principal.capabilities)), refresh)


def revoke(ctx: GrantContext, token: str) -> None:
    """RFC 7009: revoke a refresh token (and its family). Unknown tokens are not an error;
    access tokens are short-lived JWTs and simply expire."""
    stored = tokens.find_refresh_token(ctx.session, token)
    if stored is not None:
        _revoke_family(ctx, stored, "auth.revoke")


def _revoke_family(ctx: GrantContext, stored: RefreshToken, action: str) -> None:
    tokens.revoke_family(ctx.session, stored.family_id)
    user = ctx.session.get(User, stored.user_id)
    organization_id = user.organization_id if user else None
    audit(
        ctx.session,
        actor=None,
        actor_id=stored.user_id,
        actor_organization_id=organization_id,
        action=action,
        resource_type="refresh_token_family",
        resource_id=stored.family_id,
        subject_organization_id=organization_id,
        request_id=ctx.request_id,
    )
