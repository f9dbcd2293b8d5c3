"""Creating the platform organization and its first admin: the one way in on a new install."""

from __future__ import annotations

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.identity.auditing import audit
from app.identity.models import Organization, User
from app.identity.roles import OrganizationKind, Role
from app.identity.service import new_organization, new_user

PLATFORM_NAME = "Anxin platform"
_EMAIL: TypeAdapter[str] = TypeAdapter(EmailStr)


def bootstrap_platform(
    session: Session, email: str, password: str, display_name: str
) -> tuple[User, bool]:
    """The platform admin with `email`, created (with the platform) if missing.

    Returns the user and whether anything was created. Running it again with the same email
    changes nothing, and never resets a password.
    """
    try:
        email = _EMAIL.validate_python(email)
    except ValidationError as exc:
        raise ValueError(f"{email!r} is not an email address") from exc
    platform = session.scalar(
        select(Organization).where(Organization.kind == OrganizationKind.PLATFORM.value)
    )
    if platform is None:
        platform = new_organization(session, OrganizationKind.PLATFORM, PLATFORM_NAME, None)
    existing = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if existing is not None:
        if existing.organization_id != platform.id:
            raise ValueError(f"{email} already belongs to another organization")
        return existing, False
    user = new_user(session, platform, email, display_name, Role.ADMIN, password)
    audit(
        session,
        actor=None,
        actor_id=None,
        action="platform.bootstrap",
        resource_type="user",
        resource_id=user.id,
        subject_organization_id=platform.id,
        request_id=None,
        changes={"email": user.email},
    )
    return user, True
