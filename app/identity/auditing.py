"""Recording audit events for what principals (or anonymous callers) do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.core.audit_chain import AuditEntry, record
from app.identity.principal import Principal


def audit(
    session: Session,
    *,
    actor: Principal | None,
    action: str,
    resource_type: str,
    resource_id: str | None,
    subject_organization_id: str | None,
    request_id: str | None,
    changes: Mapping[str, Any] | None = None,
    actor_id: str | None = None,
    actor_organization_id: str | None = None,
) -> None:
    """Append an event to the chain of the organization whose data it concerns (or, failing
    that, the actor's, or the platform-wide chain)."""
    actor_kind = actor.kind if actor else ("user" if actor_id else "anonymous")
    actor_organization = actor.organization_id if actor else actor_organization_id
    chain = subject_organization_id or actor_organization or "platform"
    record(
        session,
        AuditEntry(
            chain_id=chain,
            actor_kind=actor_kind,
            actor_id=actor.id if actor else actor_id,
            actor_organization_id=actor_organization,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            subject_organization_id=subject_organization_id,
            changes=changes,
            request_id=request_id,
        ),
    )
