"""`/v1/enterprises/{enterprise_id}/imports`: upload a table, follow its validation and import."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import BackgroundTasks, File, Form, Path, Request, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from app.core import clock
from app.core.body_limit import max_body_bytes
from app.core.errors import (
    NOT_FOUND,
    UNSUPPORTED_FILE,
    FieldError,
    problem_responses,
)
from app.core.ids import id_pattern, new_id
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.core.upload_limits import IMPORT_LIMITS
from app.identity import policy
from app.identity.auth import CurrentPrincipal, EnterpriseRead
from app.identity.errors import MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE
from app.identity.roles import Capability
from app.registry.errors import IMPORT_IN_PROGRESS
from app.registry.imports import service
from app.registry.imports.catalog import IMPORT_KINDS, IMPORT_SPECS
from app.registry.imports.models import RecordImport
from app.registry.tabular import MEDIA_TYPES, TableFormat, render

router = api_router(tags=["imports"])

# Every record kind is importable: the list follows the kinds (imports/catalog.py).
ImportKind = Literal[IMPORT_KINDS]  # type: ignore[valid-type]


class ImportOut(BaseModel):
    id: str
    kind: str
    filename: str
    dry_run: bool
    status: str = Field(
        description="queued → validating → invalid | validated (dry run) | succeeded | failed"
    )
    total_rows: int
    imported_rows: int
    error_count: int
    errors: list[dict[str, Any]] = Field(description="The first 1,000 problems, by row.")
    created_at: datetime
    finished_at: datetime | None


def _out(record: RecordImport) -> ImportOut:
    return ImportOut(
        id=record.id,
        kind=record.kind,
        filename=record.filename,
        dry_run=record.dry_run,
        status=record.status,
        total_rows=record.total_rows,
        imported_rows=record.imported_rows,
        error_count=record.error_count,
        errors=service.report(record),
        created_at=record.created_at,
        finished_at=record.finished_at,
    )


@router.post(
    "/v1/enterprises/{enterprise_id}/imports",
    status_code=202,
    summary="Import records from a CSV or XLSX file",
    description="Upload a table (CSV in UTF-8 or GB18030, or XLSX; headers in Chinese or "
    "English, see the templates) for `kind`. Answers 202 at once with the import resource; "
    "every row is validated first, and then either all rows are written in one transaction "
    "or none (status `invalid` with every problem by row). `dry_run=true` only validates. "
    "Any record kind; a service firm imports the kinds its contract covers (403 "
    "`outside_contract_scope` otherwise). "
    "One import per enterprise at a time: 409 `import_in_progress` while one is unfinished. "
    "A file beyond a bound (rows, columns, a cell's length, what an XLSX unpacks to; see "
    "docs/registries.md, Limits) ends `invalid` with the bound named.",
    responses=problem_responses(
        401,
        MISSING_CAPABILITY,
        OUTSIDE_CONTRACT_SCOPE,
        404,
        IMPORT_IN_PROGRESS,
        413,
        422,
        UNSUPPORTED_FILE,
    ),
)
@max_body_bytes(IMPORT_LIMITS.body_bytes)
def upload(
    # Readable first (404 otherwise); writable for `kind` below, once the form is read.
    access: EnterpriseRead,
    request: Request,
    session: DbSession,
    background: BackgroundTasks,
    response: Response,
    file: Annotated[UploadFile, File(description="The .csv or .xlsx file.")],
    kind: Annotated[ImportKind, Form()],
    dry_run: Annotated[bool, Form()] = False,
) -> ImportOut:
    filename = (file.filename or "upload").rsplit("/", 1)[-1][:200]
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise UNSUPPORTED_FILE.problem(
            "Upload a .csv or .xlsx file.",
            errors=[
                FieldError(field="body.file", message="not csv or xlsx", code="unsupported_file")
            ],
        )
    # The kind is part of the access check, as on the kind's own routes: a service firm's
    # contract covers some kinds only.
    policy.authorize_enterprise(
        session, access.principal, access.enterprise.id, Capability.RECORDS_WRITE, kind
    )
    content = file.file.read()  # spooled by FastAPI as the form was read (bounded)
    service.ensure_none_unfinished(session, access.enterprise.id)
    record = RecordImport(
        id=new_id("imp"),
        enterprise_id=access.enterprise.id,
        kind=kind,
        filename=filename,
        dry_run=dry_run,
        status="queued",
        total_rows=0,
        imported_rows=0,
        error_count=0,
        errors="[]",
        created_by=access.principal.id,
        runner=service.this_runner(),
        created_at=clock.now(),
    )
    session.add(record)
    # The route commits before the response is sent, so the task finds the row.
    background.add_task(
        service.run,
        request.app.state.database,
        request.app.state.cipher,
        record.id,
        content,
        access.principal,
        request_id_of(request),
    )
    response.headers["Location"] = f"/v1/enterprises/{access.enterprise.id}/imports/{record.id}"
    return _out(record)


@router.get(
    "/v1/enterprises/{enterprise_id}/imports/{import_id}",
    summary="Follow an import",
    description="The import's status, counts and, when invalid, its problems by row.",
    responses=problem_responses(401, 404, 422),
)
def get_import(
    import_id: Annotated[str, Path(pattern=id_pattern("imp"))],
    access: EnterpriseRead,
    session: DbSession,
) -> ImportOut:
    record = session.get(RecordImport, import_id)
    if record is None or record.enterprise_id != access.enterprise.id:
        raise NOT_FOUND.problem(f"No import {import_id} in this enterprise.")
    return _out(record)


@router.get(
    "/v1/enterprises/{enterprise_id}/imports",
    summary="List imports",
    description="The enterprise's imports, oldest first.",
    responses=problem_responses(401, 404, 422),
)
def list_imports(
    access: EnterpriseRead,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[ImportOut]:
    statement = select(RecordImport).where(RecordImport.enterprise_id == access.enterprise.id)
    rows, next_cursor = paginate(
        session, statement, keys=[RecordImport.id], limit=limit, cursor=cursor
    )
    return Page(data=[_out(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/v1/import-templates/{kind}",
    summary="Download an import template",
    description="An empty table with the expected headers (Chinese and English), as CSV or XLSX.",
    response_class=Response,
    responses={
        200: {"content": {m: {} for m in MEDIA_TYPES.values()}, "description": "File"},
        **problem_responses(401, 422),
    },
)
def template(
    kind: ImportKind, principal: CurrentPrincipal, format: TableFormat = "csv"
) -> Response:
    spec = IMPORT_SPECS[kind]
    headers = [
        f"{column.aliases[0]} {column.field}" if column.aliases else column.field
        for column in spec.columns
    ]
    return Response(
        render(headers, [], format),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{kind}-template.{format}"'},
    )
