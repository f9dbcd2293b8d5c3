"""Create, read, list, update, soft-delete and history for any record kind.

Every write appends the record's new state to its history and an event to the audit chain
of its enterprise, in the request's transaction.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.core import clock
from app.core.audit_chain import canonical_json, changes_between
from app.core.errors import NOT_FOUND, is_foreign_key_violation
from app.core.ids import new_id
from app.identity.auditing import audit
from app.registry import errors
from app.registry.base import RecordVersion, RegistryRecord
from app.registry.kinds import ReadContext, RecordKind, WriteContext

R = TypeVar("R", bound=RegistryRecord)


def get(session: Session, kind: RecordKind[R], enterprise_id: str, record_id: str) -> R:
    record = session.scalar(
        select(kind.model)
        .options(*kind.loader_options)
        .where(
            kind.model.id == record_id,
            kind.model.enterprise_id == enterprise_id,
            kind.model.deleted_at.is_(None),
        )
    )
    if record is None:
        raise NOT_FOUND.problem(f"No {kind.resource_type} {record_id} in this enterprise.")
    return record


def list_statement(
    kind: RecordKind[R], enterprise_id: str, filters: BaseModel, ctx: ReadContext
) -> Select[R]:
    statement = (
        select(kind.model)
        .options(*kind.loader_options)
        .where(kind.model.enterprise_id == enterprise_id, kind.model.deleted_at.is_(None))
    )
    return kind.apply_filters(statement, filters, ctx)


def create(ctx: WriteContext, kind: RecordKind[R], data: BaseModel) -> R:
    values = kind.to_values(ctx, data.model_dump(), None)
    now = clock.now()
    # The kind's model is a mapped class; the mixin type alone has no constructor signature.
    model: Any = kind.model
    record: R = model(
        id=new_id(kind.id_prefix),
        enterprise_id=ctx.enterprise.id,
        created_at=now,
        updated_at=now,
        created_by=ctx.principal.id,
        updated_by=ctx.principal.id,
        **values,
    )
    ctx.session.add(record)
    _flush(ctx.session, kind)
    _remember(ctx, kind, record, "create", kind.snapshot(record), None)
    return record


def update(ctx: WriteContext, kind: RecordKind[R], record: R, patch: BaseModel) -> R:
    before = kind.snapshot(record)
    values = kind.to_values(ctx, patch.model_dump(exclude_unset=True), record)
    if not values:
        return record  # an empty PATCH changes nothing, not even the version
    for name, value in values.items():
        setattr(record, name, value)
    _touch(ctx, record)
    _flush(ctx.session, kind)
    _remember(ctx, kind, record, "update", kind.snapshot(record), before)
    return record


def transition(
    ctx: WriteContext, kind: RecordKind[R], record: R, values: dict[str, Any], action: str
) -> R:
    """Apply an action's already validated changes (publish, verify …), recorded in the
    history and the audit trail under the action's own name."""
    before = kind.snapshot(record)
    for name, value in values.items():
        setattr(record, name, value)
    _touch(ctx, record)
    _flush(ctx.session, kind)
    _remember(ctx, kind, record, action, kind.snapshot(record), before)
    return record


def delete(ctx: WriteContext, kind: RecordKind[R], record: R) -> None:
    if kind.check_delete is not None:
        kind.check_delete(ctx, record)
    before = kind.snapshot(record)
    record.deleted_at = clock.now()
    _touch(ctx, record)
    _flush(ctx.session, kind)
    _remember(ctx, kind, record, "delete", kind.snapshot(record), before)


def history_statement(
    kind: RecordKind[R], enterprise_id: str, record_id: str
) -> Select[RecordVersion]:
    return select(RecordVersion).where(
        RecordVersion.enterprise_id == enterprise_id,
        RecordVersion.record_type == kind.resource_type,
        RecordVersion.record_id == record_id,
    )


def require_exists(
    session: Session, kind: RecordKind[R], enterprise_id: str, record_id: str
) -> None:
    """404 unless the record exists (deleted ones too: their history stays readable)."""
    found = session.scalar(
        select(kind.model.id).where(
            kind.model.id == record_id, kind.model.enterprise_id == enterprise_id
        )
    )
    if found is None:
        raise NOT_FOUND.problem(f"No {kind.resource_type} {record_id} in this enterprise.")


def version_data(version: RecordVersion) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(version.data)
    return data


def _touch(ctx: WriteContext, record: RegistryRecord) -> None:
    # Any change (even one only to child rows, even with a still clock) bumps the version.
    record.updated_at = clock.now()
    record.updated_by = ctx.principal.id
    flag_modified(record, "updated_at")


def _flush(session: Session, kind: RecordKind[Any]) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        # Kinds check duplicates and references first with clear messages; these are the
        # backstops for two requests racing past those checks.
        if is_foreign_key_violation(exc):
            raise errors.INVALID_REFERENCE.problem(
                f"This {kind.resource_type} refers to a record that no longer exists."
            ) from exc
        raise errors.DUPLICATE.problem(
            f"This {kind.resource_type} conflicts with an existing one."
        ) from exc


def _remember(
    ctx: WriteContext,
    kind: RecordKind[R],
    record: R,
    action: str,  # create, update, delete, or an action's name (publish, verify …)
    after: dict[str, Any],
    before: dict[str, Any] | None,
) -> None:
    ctx.session.add(
        RecordVersion(
            id=new_id("rv"),
            enterprise_id=ctx.enterprise.id,
            record_type=kind.resource_type,
            record_id=record.id,
            version=record.version,
            action=action,
            data=canonical_json(after),
            changed_by=ctx.principal.id,
            changed_at=record.updated_at,
            request_id=ctx.request_id,
        )
    )
    audit(
        ctx.session,
        actor=ctx.principal,
        action=f"{kind.resource_type}.{action}",
        resource_type=kind.resource_type,
        resource_id=record.id,
        subject_organization_id=ctx.enterprise.id,
        request_id=ctx.request_id,
        changes=changes_between(before or {}, after),
    )
