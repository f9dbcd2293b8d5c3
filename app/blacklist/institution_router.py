"""Institutions' queries: lookups answered from memory with a signed receipt, and the
receipts and query log read back.

The lookup route is a plain `async def` on a plain router: it touches no database (the
snapshot is in memory, the query log is written in batches), so it needs no transaction,
no threadpool hop and no response-model validation — it serializes its own JSON.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from app.blacklist import lookups, reads
from app.blacklist.models import InstitutionQuery
from app.blacklist.receipts import Receipting
from app.blacklist.schemas_institutions import LookupOut, QueryOut
from app.blacklist.snapshot import SnapshotHolder
from app.core import clock
from app.core.errors import problem_responses
from app.core.ids import id_pattern
from app.core.pagination import CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity.auth import InstitutionQuerier

hot_router = APIRouter(tags=["blacklist"])
router = api_router(tags=["blacklist"])

DatasetVersion = Annotated[
    int | None,
    Query(ge=0, description="Answer as the platform knew it at this change-feed number."),
]
AsOf = Annotated[date | None, Query(description="The day the answer is about; default today.")]


def _json(body: dict[str, object]) -> JSONResponse:
    return JSONResponse(body)


@hot_router.get(
    "/v1/blacklist/lookup/{credit_code}",
    summary="Is an enterprise listed?",
    description="Whether the subject with this credit code is on the blacklist on `as_of` "
    "(default today), with the published entries in force then (public fields only). A "
    "malformed code is 422; an unknown one is simply `listed: false`. `dataset_version` "
    "reproduces an earlier answer exactly. Every answer carries a signed receipt.",
    response_model=LookupOut,
    responses=problem_responses(401, 403, 422, 429),
)
async def lookup(
    credit_code: Annotated[str, Path(max_length=40)],
    principal: InstitutionQuerier,
    request: Request,
    as_of: AsOf = None,
    dataset_version: DatasetVersion = None,
) -> JSONResponse:
    code = lookups.credit_code_or_422(credit_code, "path.credit_code")
    holder: SnapshotHolder = request.app.state.blacklist_snapshot
    snapshot = holder.current
    version = lookups.known_version(snapshot, dataset_version)
    day = as_of or clock.today()
    body, answer = lookups.lookup(snapshot, code, day, version)
    receipting: Receipting = request.app.state.receipting
    receipt_id, receipt = receipting.issue(
        principal,
        kind="lookup",
        query={"credit_code": code, "as_of": day.isoformat(), "dataset_version": dataset_version},
        answer=answer,
        as_of=day,
        dataset_version=version,
    )
    return _json({**body, "receipt_id": receipt_id, "receipt": receipt})


def _query_out(row: InstitutionQuery) -> QueryOut:
    return QueryOut(
        id=row.id,
        principal_id=row.principal_id,
        kind=row.kind,
        query=json.loads(row.query),
        answer=json.loads(row.answer),
        as_of=row.as_of,
        dataset_version=row.dataset_version,
        created_at=row.created_at,
        receipt=row.receipt,
    )


def _flush(request: Request) -> None:
    # This process's queued answers first, so a receipt just issued here can be read back.
    request.app.state.receipting.log.flush()


@router.get(
    "/v1/blacklist/receipts/{receipt_id}",
    summary="A receipt again",
    description="The receipt of an answer your organization was given, with its query and "
    "answer. Answers are logged in batches: one given by another API process in the last "
    "moment may take a second to appear.",
    responses=problem_responses(401, 403, 404, 422),
)
def get_receipt(
    receipt_id: Annotated[str, Path(pattern=id_pattern("rcp"))],
    principal: InstitutionQuerier,
    request: Request,
    session: DbSession,
) -> QueryOut:
    _flush(request)
    return _query_out(reads.institution_query(session, principal, receipt_id))


@router.get(
    "/v1/blacklist/queries",
    summary="Your organization's queries",
    description="Every lookup, screening and search your organization made, oldest first, "
    "with receipts.",
    responses=problem_responses(401, 403, 422),
)
def list_queries(
    principal: InstitutionQuerier,
    request: Request,
    session: DbSession,
    kind: Annotated[str | None, Query(pattern="^(lookup|screening|search)$")] = None,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
) -> Page[QueryOut]:
    _flush(request)
    statement = reads.institution_queries(principal, kind)
    rows, next_cursor = paginate(
        session, statement, keys=[InstitutionQuery.id], limit=limit, cursor=cursor
    )
    return Page(data=[_query_out(r) for r in rows], next_cursor=next_cursor)
