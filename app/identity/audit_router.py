"""`GET /v1/audit-events`: the audit trail, filtered to what the caller may see."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import AwareDatetime, BaseModel
from sqlalchemy import select

from app.core.audit_chain import AuditEvent
from app.core.errors import problem_responses
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity import errors, policy
from app.identity.auth import AuditReader

router = api_router(prefix="/v1/audit-events", tags=["audit"])


class AuditEventOut(BaseModel):
    id: str
    chain_id: str
    seq: int
    occurred_at: datetime
    actor_kind: str
    actor_id: str | None
    actor_organization_id: str | None
    action: str
    resource_type: str
    resource_id: str | None
    subject_organization_id: str | None
    changes: Any
    request_id: str | None
    prev_hash: str
    hash: str


def _out(event: AuditEvent) -> AuditEventOut:
    values = {column: getattr(event, column) for column in AuditEventOut.model_fields}
    values["changes"] = json.loads(event.changes) if event.changes else None
    return AuditEventOut.model_validate(values)


Text = Annotated[str | None, Query(max_length=100)]


@router.get(
    "",
    summary="List audit events",
    description="Every write and sign-in, oldest first, hash-chained per organization "
    "(`prev_hash` → `hash`). The platform sees all; a regulator its own and its region's "
    "enterprises'; an organization admin their organization's.",
    responses=problem_responses(401, errors.MISSING_CAPABILITY, 422),
)
def list_audit_events(
    principal: AuditReader,
    session: DbSession,
    action: Text = None,
    resource_type: Text = None,
    resource_id: Text = None,
    actor_id: Text = None,
    subject_organization_id: Text = None,
    occurred_after: AwareDatetime | None = None,
    occurred_before: AwareDatetime | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[AuditEventOut]:
    statement = select(AuditEvent).where(
        policy.can_read_audit_events(principal, AuditEvent.subject_organization_id)
    )
    for column, value in (
        (AuditEvent.action, action),
        (AuditEvent.resource_type, resource_type),
        (AuditEvent.resource_id, resource_id),
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.subject_organization_id, subject_organization_id),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if occurred_after is not None:
        statement = statement.where(AuditEvent.occurred_at >= occurred_after)
    if occurred_before is not None:
        statement = statement.where(AuditEvent.occurred_at < occurred_before)
    # Oldest first by the time each event was chained (taken under the chain's lock).
    rows, next_cursor = paginate(
        session, statement, keys=[AuditEvent.occurred_at, AuditEvent.id], limit=limit, cursor=cursor
    )
    return Page(data=[_out(e) for e in rows], next_cursor=next_cursor)
