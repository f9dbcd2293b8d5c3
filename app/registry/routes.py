"""The HTTP routes of a record kind: create, list, get, update, soft delete, history.

No `from __future__ import annotations` here: the endpoints are built per kind inside
`register`, and FastAPI must see their real parameter types, not strings.
"""

from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel

from app.core.errors import INVALID_CURSOR, problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.unit_of_work import DbSession
from app.identity.auditing import audit
from app.identity.auth import EnterpriseAccess, enterprise_access
from app.identity.errors import MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE
from app.identity.roles import Capability
from app.registry import errors, service
from app.registry.base import RecordVersion
from app.registry.imports.layout import HeaderLanguage, discloses_id_numbers, import_layout
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.tabular import MEDIA_TYPES, TableFormat, cell, render

Reveal = Annotated[
    Literal["personal_data"] | None,
    Query(description="`personal_data`: show ID numbers in full (needs `pii:read`; audited)."),
]

Layout = Annotated[
    Literal["json", "import"],
    Query(
        description="`json`: the columns of the JSON representation; `import`: the columns of "
        "the kind's import, so that the file, edited, imports back (docs/registries.md)."
    ),
]
HeaderLanguageParam = Annotated[
    HeaderLanguage,
    Query(description="With `layout=import`: Chinese headers (`zh`) or field names (`en`)."),
]


# What any kind's operations may answer; a kind's own checks add theirs (a 409 of its own,
# or a field's code inside `invalid_record`).
_READ_ERRORS = (401, MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE, 404, 422)
_WRITE_ERRORS = (
    *_READ_ERRORS,
    409,
    errors.DUPLICATE,
    errors.INVALID_RECORD,
    errors.UNKNOWN_PERSON,
    errors.INVALID_REFERENCE,
)


class HistoryEntry(BaseModel):
    version: int
    action: str
    changed_at: Any
    changed_by: str | None
    request_id: str | None
    data: dict[str, Any]


def _write_context(request: Request, session: DbSession, access: EnterpriseAccess) -> WriteContext:
    return WriteContext(
        session=session,
        principal=access.principal,
        enterprise=access.enterprise,
        cipher=request.app.state.cipher,
        request_id=request_id_of(request),
    )


def _read_context(
    request: Request, session: DbSession, access: EnterpriseAccess, reveal: str | None
) -> ReadContext:
    if reveal is not None and not access.principal.can(Capability.PII_READ):
        raise MISSING_CAPABILITY.problem(
            "Showing personal data in full needs the pii:read permission."
        )
    return ReadContext(
        session,
        access.principal,
        access.enterprise.id,
        request.app.state.cipher,
        reveal is not None,
    )


def _disclosure(kind: RecordKind[Any], ctx: ReadContext, names_people: bool = False) -> str | None:
    """The audit action a read must leave behind, if it shows sensitive data (`names_people`:
    it shows the ID numbers of the people the records name)."""
    if ctx.reveal_personal_data and (kind.has_personal_data or names_people):
        return "personal_data_read"
    return kind.sensitive_read(ctx) if kind.sensitive_read else None


def _audit_reveal(
    request: Request,
    access: EnterpriseAccess,
    kind: RecordKind[Any],
    ids: Sequence[str],
    ctx: ReadContext,
    names_people: bool = False,
) -> None:
    """Record who saw which records' sensitive data, in a transaction of its own: a read
    request must not take the write lock, and an attempted disclosure is worth keeping."""
    action = _disclosure(kind, ctx, names_people)
    if not ids or action is None:
        return

    with request.app.state.database.session(write=True) as session:
        audit(
            session,
            actor=access.principal,
            action=f"{kind.resource_type}.{action}",
            resource_type=kind.resource_type,
            resource_id=ids[0] if len(ids) == 1 else None,
            subject_organization_id=access.enterprise.id,
            request_id=request_id_of(request),
            changes={"record_ids": list(ids)},
        )
        session.commit()


def register(router: APIRouter, kind: RecordKind[Any]) -> None:
    """Add the six routes of `kind` under /v1/enterprises/{enterprise_id}/{kind.path}."""
    base = f"/v1/enterprises/{{enterprise_id}}/{kind.path}"
    item = f"{base}/{{record_id}}"
    CreateSchema, PatchSchema, OutSchema = kind.create_schema, kind.patch_schema, kind.out_schema  # noqa: N806
    Filters = kind.filters_schema  # noqa: N806
    RecordId = Annotated[  # noqa: N806
        str, Path(pattern=id_pattern(kind.id_prefix), description="Record id.")
    ]
    tags: list[str | Enum] = [kind.path]
    # The kind is part of the access check: a service firm's contract covers some kinds.
    EnterpriseRead = Annotated[  # noqa: N806
        EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_READ, kind.path))
    ]
    EnterpriseWrite = Annotated[  # noqa: N806
        EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_WRITE, kind.path))
    ]

    def create(
        data: CreateSchema,  # type: ignore[valid-type]
        access: EnterpriseWrite,
        request: Request,
        session: DbSession,
        response: Response,
    ) -> OutSchema:  # type: ignore[valid-type]
        record = service.create(_write_context(request, session, access), kind, data)
        response.headers["Location"] = (
            f"/v1/enterprises/{access.enterprise.id}/{kind.path}/{record.id}"
        )
        response.headers["ETag"] = etag_for(record.id, record.version)
        return kind.to_out(record, _read_context(request, session, access, None))

    def list_records(
        access: EnterpriseRead,
        request: Request,
        session: DbSession,
        filters: Annotated[Filters, Query()],  # type: ignore[valid-type]
        reveal: Reveal = None,
        limit: LimitParam = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Page[OutSchema]:  # type: ignore[valid-type]
        ctx = _read_context(request, session, access, reveal)
        statement = service.list_statement(kind, access.enterprise.id, filters, ctx)
        rows, next_cursor = paginate(
            session, statement, keys=[kind.model.id], limit=limit, cursor=cursor
        )
        shown = [kind.to_out(r, ctx) for r in rows]
        _audit_reveal(request, access, kind, [r.id for r in rows], ctx)
        return Page(data=shown, next_cursor=next_cursor)

    def export_records(
        access: EnterpriseRead,
        request: Request,
        session: DbSession,
        filters: Annotated[Filters, Query()],  # type: ignore[valid-type]
        format: Annotated[TableFormat, Query(description="csv or xlsx")] = "csv",
        reveal: Reveal = None,
        layout: Layout = "json",
        headers: HeaderLanguageParam = "zh",
    ) -> Response:
        ctx = _read_context(request, session, access, reveal)
        statement = service.list_statement(kind, access.enterprise.id, filters, ctx)
        records = list(session.scalars(statement.order_by(kind.model.id)))
        filename = f"{kind.path}-{access.enterprise.id}.{format}"
        response_headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        if layout == "import":
            table = import_layout(kind, records, ctx, headers)
            body = render(table.columns, table.rows, format)
            response_headers["Anxin-Reimportable"] = "true" if table.reimportable else "false"
        else:
            rows = (
                [cell(value) for value in kind.to_out(r, ctx).model_dump(mode="json").values()]
                for r in records
            )
            body = render(list(OutSchema.model_fields), rows, format)
        names_people = layout == "import" and discloses_id_numbers(kind, ctx)
        _audit_reveal(request, access, kind, [r.id for r in records], ctx, names_people)
        return Response(body, media_type=MEDIA_TYPES[format], headers=response_headers)

    def get_record(
        record_id: RecordId,
        access: EnterpriseRead,
        request: Request,
        session: DbSession,
        response: Response,
        reveal: Reveal = None,
    ) -> OutSchema:  # type: ignore[valid-type]
        ctx = _read_context(request, session, access, reveal)
        record = service.get(session, kind, access.enterprise.id, record_id)
        response.headers["ETag"] = etag_for(record.id, record.version)
        shown = kind.to_out(record, ctx)
        _audit_reveal(request, access, kind, [record_id], ctx)
        return shown

    def update_record(
        record_id: RecordId,
        data: PatchSchema,  # type: ignore[valid-type]
        access: EnterpriseWrite,
        request: Request,
        session: DbSession,
        response: Response,
        if_match: IfMatch = None,
    ) -> OutSchema:  # type: ignore[valid-type]
        record = service.get(session, kind, access.enterprise.id, record_id)
        check_if_match(if_match, etag_for(record.id, record.version))
        record = service.update(_write_context(request, session, access), kind, record, data)
        response.headers["ETag"] = etag_for(record.id, record.version)
        return kind.to_out(record, _read_context(request, session, access, None))

    def delete_record(
        record_id: RecordId,
        access: EnterpriseWrite,
        request: Request,
        session: DbSession,
        if_match: IfMatch = None,
    ) -> Response:
        record = service.get(session, kind, access.enterprise.id, record_id)
        check_if_match(if_match, etag_for(record.id, record.version))
        service.delete(_write_context(request, session, access), kind, record)
        return Response(status_code=204)

    def history(
        record_id: RecordId,
        access: EnterpriseRead,
        session: DbSession,
        limit: LimitParam = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Page[HistoryEntry]:
        service.require_exists(session, kind, access.enterprise.id, record_id)
        statement = service.history_statement(kind, access.enterprise.id, record_id)
        rows, next_cursor = paginate(
            session, statement, keys=[RecordVersion.version], limit=limit, cursor=cursor
        )
        entries = [
            HistoryEntry(
                version=v.version,
                action=v.action,
                changed_at=v.changed_at,
                changed_by=v.changed_by,
                request_id=v.request_id,
                data=service.version_data(v),
            )
            for v in rows
        ]
        return Page(data=entries, next_cursor=next_cursor)

    router.add_api_route(
        base,
        create,
        methods=["POST"],
        status_code=201,
        name="create",
        summary=f"Record a {kind.title}",
        tags=tags,
        description=f"Creates a {kind.title} of the enterprise. Editors and admins (or a service "
        "firm under contract). Returns 201 with Location and ETag.",
        responses=problem_responses(*_WRITE_ERRORS, *kind.problems),
    )
    router.add_api_route(
        base,
        list_records,
        methods=["GET"],
        name="list",
        summary=f"List {kind.path}",
        tags=tags,
        description=f"The enterprise's {kind.path}, oldest first, filtered by the parameters, "
        "cursor-paginated. Deleted records are left out.",
        responses=problem_responses(*_READ_ERRORS, INVALID_CURSOR),
    )
    router.add_api_route(
        f"{base}/export",
        export_records,
        methods=["GET"],
        name="export",
        summary=f"Export {kind.path} (CSV or XLSX)",
        tags=tags,
        description=f"Every {kind.resource_type} matching the same filters as the list, as one "
        "CSV (UTF-8 with BOM) or XLSX file, columns as in the JSON representation; with "
        "`layout=import`, in the import's own columns (Chinese headers, or `headers=en`), "
        "so that the file imports back: header `Anxin-Reimportable` says whether it can "
        "(not when personal data of the kind is masked; `reveal=personal_data` shows it).",
        response_class=Response,
        responses={
            200: {"content": {m: {} for m in MEDIA_TYPES.values()}, "description": "The file"},
            **problem_responses(*_READ_ERRORS),
        },
    )
    router.add_api_route(
        item,
        get_record,
        methods=["GET"],
        name="get",
        summary=f"Get a {kind.title}",
        tags=tags,
        description="One record, with the ETag an update needs.",
        responses=problem_responses(*_READ_ERRORS),
    )
    router.add_api_route(
        item,
        update_record,
        methods=["PATCH"],
        name="update",
        summary=f"Update a {kind.title}",
        tags=tags,
        description="Partial update; needs `If-Match` with the record's ETag (428 without, "
        "412 when stale). The previous state stays in the history.",
        responses=problem_responses(*_WRITE_ERRORS, *kind.problems, 412, 428),
    )
    router.add_api_route(
        item,
        delete_record,
        methods=["DELETE"],
        status_code=204,
        name="delete",
        summary=f"Delete a {kind.title}",
        tags=tags,
        description="Soft delete: the record disappears from lists and reads; its history "
        "stays. Needs `If-Match`. 409 when other records still name it (a person with "
        "certificates, a training session with attendances): delete those first.",
        responses=problem_responses(*_READ_ERRORS, 409, *kind.delete_problems, 412, 428),
        response_class=Response,
    )
    router.add_api_route(
        f"{item}/history",
        history,
        methods=["GET"],
        name="history",
        summary=f"History of a {kind.title}",
        tags=tags,
        description="Every state the record has had, oldest first, with who changed it and "
        "when (deleted records included).",
        responses=problem_responses(*_READ_ERRORS),
    )
