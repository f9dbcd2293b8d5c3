"""Running an import: parse, validate every row, then write all rows in one transaction.

Runs after the upload's response (202): the upload request only records the import.
Validation reads in its own session; the write is one short transaction that inserts every
record, its first history entry and one audit event — all or nothing.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import clock
from app.core.audit_chain import canonical_json
from app.core.crypto import PersonalDataCipher
from app.core.database import Database
from app.core.ids import new_id
from app.core.upload_limits import UploadRefused
from app.identity.auditing import audit
from app.identity.models import Organization
from app.identity.principal import Principal
from app.registry.base import RecordVersion
from app.registry.errors import IMPORT_IN_PROGRESS
from app.registry.imports.catalog import IMPORT_SPECS
from app.registry.imports.cells import storable_rows
from app.registry.imports.models import RecordImport
from app.registry.imports.parsing import FileProblem, map_header, read_rows, row_values
from app.registry.imports.specs import RowError
from app.registry.kinds import WriteContext

logger = logging.getLogger("anxin.imports")
UNFINISHED = ("queued", "validating")
# Bounded files are read in seconds and written in one transaction: an import unfinished
# after this long was abandoned by a process that stopped.
IMPORT_STALE_AFTER = timedelta(hours=1)
STORED_ERRORS = 1_000


def ensure_none_unfinished(session: Session, enterprise_id: str) -> None:
    """One import per enterprise at a time (decision 51): each holds its file in memory
    until it ends, so an enterprise cannot stack up uploads. The enterprise's row is locked
    first so that two uploads at once cannot both find none (SQLite's writes are serialized
    already). An unfinished import older than IMPORT_STALE_AFTER no longer counts: its process
    stopped on another host, where `fail_orphaned` cannot see it."""
    session.scalars(
        select(Organization.id).where(Organization.id == enterprise_id).with_for_update()
    ).one()
    running = session.scalars(
        select(RecordImport.id)
        .where(
            RecordImport.enterprise_id == enterprise_id,
            RecordImport.status.in_(UNFINISHED),
            RecordImport.created_at > clock.now() - IMPORT_STALE_AFTER,
        )
        .limit(1)
    ).first()
    if running is not None:
        raise IMPORT_IN_PROGRESS.problem(
            f"Import {running} of this enterprise is still running; upload again when it ends."
        )


def run(
    database: Database,
    cipher: PersonalDataCipher,
    import_id: str,
    content: bytes,
    principal: Principal,
    request_id: str | None,
) -> None:
    try:
        _run(database, cipher, import_id, content, principal, request_id)
    except Exception:  # the import must end in a state, whatever happened
        logger.exception("import failed", extra={"import_id": import_id})
        _finish(
            database,
            import_id,
            "failed",
            errors=[RowError(0, None, "internal error", "internal_error")],
        )


def _run(
    database: Database,
    cipher: PersonalDataCipher,
    import_id: str,
    content: bytes,
    principal: Principal,
    request_id: str | None,
) -> None:
    with database.session(write=True) as session:
        record = session.get(RecordImport, import_id)
        if record is None:
            return
        record.status = "validating"
        spec = IMPORT_SPECS[record.kind]
        enterprise_id, filename, dry_run = record.enterprise_id, record.filename, record.dry_run
        session.commit()

    try:
        header, data = read_rows(content, filename)
        positions = map_header(header, spec.columns)
        rows = [(number, row_values(row, positions)) for number, row in enumerate(data, start=2)]
    except FileProblem as problem:
        _finish(database, import_id, "invalid", errors=[RowError(1, None, str(problem), "file")])
        return
    except UploadRefused as refused:  # a bound of IMPORT_LIMITS, met while reading
        _finish(
            database,
            import_id,
            "invalid",
            errors=[RowError(1, None, refused.message, refused.code)],
        )
        return

    with database.session(write=False) as session:
        enterprise = session.get(Organization, enterprise_id)
        if enterprise is None:  # the enterprise cannot vanish: organizations are never deleted
            raise LookupError(enterprise_id)
        ctx = WriteContext(session, principal, enterprise, cipher, request_id)
        storable, unstorable = storable_rows(rows)
        values, errors = spec.prepare(ctx, storable)
    errors = sorted([*unstorable, *errors], key=lambda error: error.row)
    if errors:
        _finish(database, import_id, "invalid", total=len(rows), errors=errors)
        return
    if dry_run:
        _finish(database, import_id, "validated", total=len(rows))
        return

    with database.session(write=True) as session:
        now = clock.now()
        records, versions = [], []
        children: dict[type[Any], list[dict[str, Any]]] = {}
        for item in values:
            record_id = new_id(spec.id_prefix)
            columns, rows_of_children = spec.children(item, record_id, enterprise_id)
            records.append(
                {
                    "id": record_id,
                    "enterprise_id": enterprise_id,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": principal.id,
                    "updated_by": principal.id,
                    **columns,
                }
            )
            for model, child in rows_of_children:
                children.setdefault(model, []).append(child)
            versions.append(
                {
                    "id": new_id("rv"),
                    "enterprise_id": enterprise_id,
                    "record_type": spec.resource_type,
                    "record_id": record_id,
                    "version": 1,
                    "action": "import",
                    "data": canonical_json(spec.history(item)),
                    "changed_by": principal.id,
                    "changed_at": now,
                    "request_id": request_id,
                }
            )
        try:
            session.execute(insert(spec.model), records)
            for model, rows_of_model in children.items():
                session.execute(insert(model), rows_of_model)
            session.execute(insert(RecordVersion), versions)
            audit(
                session,
                actor=principal,
                action=f"{spec.resource_type}.import",
                resource_type="record_import",
                resource_id=import_id,
                subject_organization_id=enterprise_id,
                request_id=request_id,
                changes={"rows": len(records), "kind": spec.path},
            )
            _set_result(
                session.get(RecordImport, import_id), "succeeded", len(rows), len(records), []
            )
            session.commit()
        except IntegrityError:
            # Someone wrote a conflicting record between validation and writing.
            session.rollback()
            _finish(
                database,
                import_id,
                "failed",
                total=len(rows),
                errors=[
                    RowError(
                        0,
                        None,
                        "a conflicting record was written meanwhile; run it again",
                        "conflict",
                    )
                ],
            )


def _finish(
    database: Database,
    import_id: str,
    status: str,
    *,
    total: int = 0,
    errors: list[RowError] | None = None,
) -> None:
    with database.session(write=True) as session:
        _set_result(session.get(RecordImport, import_id), status, total, 0, errors or [])
        session.commit()


def _set_result(
    record: RecordImport | None, status: str, total: int, imported: int, errors: list[RowError]
) -> None:
    if record is None:
        return
    record.status = status
    record.total_rows = total
    record.imported_rows = imported
    record.error_count = len(errors)
    record.errors = json.dumps([asdict(e) for e in errors[:STORED_ERRORS]], ensure_ascii=False)
    record.finished_at = clock.now()


def this_runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def fail_orphaned(database: Database) -> int:
    """Mark as failed the unfinished imports of processes on this host that no longer run
    (a crash or restart mid-import). Their write never started or was rolled back whole;
    the user sees `failed` and uploads again. Returns how many were marked."""
    host = socket.gethostname()
    with database.session(write=True) as session:
        orphans = [
            record
            for record in session.scalars(
                select(RecordImport).where(RecordImport.status.in_(UNFINISHED))
            )
            if record.runner.startswith(f"{host}:") and not _alive(record.runner)
        ]
        for record in orphans:
            _set_result(
                record,
                "failed",
                record.total_rows,
                0,
                [
                    RowError(
                        0,
                        None,
                        "the server stopped during this import; upload it again",
                        "interrupted",
                    )
                ],
            )
        session.commit()
    return len(orphans)


def _alive(runner: str) -> bool:
    pid = int(runner.rsplit(":", 1)[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def report(record: RecordImport) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = json.loads(record.errors)
    return errors
