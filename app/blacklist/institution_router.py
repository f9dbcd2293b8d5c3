"""Institutions' queries: lookups answered from memory with a signed receipt, and the
receipts and query log read back.

Why it is built this way: docs/design-notes.md, "Institutions' hot routes".
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.dependencies.utils import request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from app.blacklist import feed, lookups, reads, screening
from app.blacklist.errors import EMPTY_QUERY, UNKNOWN_DATASET_VERSION
from app.blacklist.fair_use import (
    LookupQuota,
    ScreeningQuota,
    SearchQuota,
    rate_limited_responses,
    take_quota,
)
from app.blacklist.models import InstitutionQuery
from app.blacklist.names import name_key
from app.blacklist.receipts import Receipting
from app.blacklist.schemas_institutions import (
    ChangeOut,
    ChangesOut,
    LookupOut,
    PublicEntry,
    QueryOut,
    ScreeningIn,
    ScreeningOut,
    SearchOut,
)
from app.blacklist.screening import ScreeningItem
from app.blacklist.snapshot import Snapshot
from app.core import clock
from app.core.credentials_first import authenticating_first, needs_credentials
from app.core.dates import Day
from app.core.errors import INVALID_CREDIT_CODE, INVALID_CURSOR, FieldError, problem_responses
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.core.validators.uscc import CREDIT_CODE_PATTERN
from app.identity.auth import InstitutionQuerier, institution_from_request
from app.identity.errors import INSTITUTIONS_ONLY, MISSING_CAPABILITY

Arguments = Callable[[APIRoute, Request], Awaitable[dict[str, Any]]]
EndpointT = TypeVar("EndpointT", bound=Callable[..., Awaitable[Response]])


def served_by(arguments: Arguments) -> Callable[[EndpointT], EndpointT]:
    """Mark an endpoint of a `HotRoute` router to be called with `arguments(route, request)`
    instead of FastAPI's dependency solving. Goes below the route decorator."""

    def mark(endpoint: EndpointT) -> EndpointT:
        endpoint.served_by = arguments  # type: ignore[attr-defined]
        return endpoint

    return mark


class HotRoute(APIRoute):
    """An APIRoute documented from its endpoint's signature as usual, whose handler, for an
    endpoint marked `served_by`, calls the endpoint with what that function read. The rest
    of FastAPI's request cycle (error handlers, middleware) is unchanged; what the function
    does not do, FastAPI no longer does either (`dependency_overrides` do not reach it)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        arguments: Arguments | None = getattr(self.endpoint, "served_by", None)
        if arguments is None:
            solved = super().get_route_handler()
            return authenticating_first(solved) if needs_credentials(self.dependant) else solved
        endpoint = self.endpoint

        async def handler(request: Request) -> Response:
            response: Response = await endpoint(**await arguments(self, request))
            return response

        return handler


def parameters(
    route: APIRoute, request: Request, plain: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The route's path and query parameters, validated. `plain(path_params)` says that the
    path parameters are valid as they are (a cheap check written next to the route); with no
    query string either, that is the answer. Otherwise FastAPI's field validators decide, so
    values and errors are exactly FastAPI's (an error is a RequestValidationError: 422)."""
    path_params: dict[str, Any] = request.scope["path_params"]
    if not request.scope["query_string"] and plain(path_params):
        return dict(path_params)
    dependant = route.dependant
    values, errors = request_params_to_args(dependant.path_params, path_params)
    query_values, query_errors = request_params_to_args(
        dependant.query_params, request.query_params
    )
    if errors or query_errors:
        raise RequestValidationError([*errors, *query_errors])
    return {**values, **query_values}


hot_router = APIRouter(tags=["blacklist"], route_class=HotRoute)
router = api_router(tags=["blacklist"])
# Who may query the list: banks', insurers' and licensing bodies' principals with blacklist:read.
_ACCESS = (401, INSTITUTIONS_ONLY, MISSING_CAPABILITY)

DatasetVersion = Annotated[
    int | None,
    Query(ge=0, description="Answer as the platform knew it at this change-feed number."),
]
AsOf = Annotated[Day | None, Query(description="The day the answer is about; default today.")]
CREDIT_CODE_MAX = 40
_PLAIN_CODE = re.compile(CREDIT_CODE_PATTERN)
# The change feed's numbers are 32-bit integers (the column type on PostgreSQL): a cursor
# beyond that is not a change number, and would make the database refuse the query.
SEQ_MAX = 2**31 - 1


def _json(body: dict[str, object]) -> JSONResponse:
    return JSONResponse(body)


def _snapshot(request: Request) -> Snapshot:
    snapshot: Snapshot = request.app.state.blacklist_snapshot.current
    return snapshot


async def _lookup_arguments(route: APIRoute, request: Request) -> dict[str, Any]:
    principal = institution_from_request(request)
    quota = await take_quota(request, principal, "lookups")
    found = parameters(route, request, lambda path: bool(_PLAIN_CODE.match(path["credit_code"])))
    return {"principal": principal, "quota": quota, "request": request, **found}


@hot_router.get(
    "/v1/blacklist/lookup/{credit_code}",
    summary="Is an enterprise listed?",
    description="Whether the subject with this credit code is on the blacklist on `as_of` "
    "(default today), with the published entries in force then (public fields only). A "
    "malformed code is 422; an unknown one is simply `listed: false`. `dataset_version` "
    "reproduces an earlier answer exactly. Every answer carries a signed receipt.",
    response_model=LookupOut,
    responses=rate_limited_responses(*_ACCESS, 422, INVALID_CREDIT_CODE, UNKNOWN_DATASET_VERSION),
)
@served_by(_lookup_arguments)
async def lookup(
    credit_code: Annotated[
        str, Path(pattern=CREDIT_CODE_PATTERN, description="Unified social credit code.")
    ],
    principal: InstitutionQuerier,
    quota: LookupQuota,
    request: Request,
    as_of: AsOf = None,
    dataset_version: DatasetVersion = None,
) -> Response:
    code = lookups.credit_code_or_422(credit_code, "path.credit_code")
    snapshot = _snapshot(request)
    version = lookups.known_version(snapshot, dataset_version)
    receipting: Receipting = request.app.state.receipting
    day = as_of or clock.today()
    return quota.respond(
        lookups.answer(snapshot, receipting, principal, code, day, version, dataset_version)
    )


@hot_router.post(
    "/v1/blacklist/screenings",
    summary="Screen a portfolio",
    description="Up to 1,000 items, each by credit code and/or name (names match however "
    "they are spaced or suffixed), answered in request order with one receipt for the "
    "batch. An item that cannot be checked is `invalid` in its place; the batch still "
    "answers. More than 1,000 items is 422.",
    response_model=ScreeningOut,
    responses=rate_limited_responses(*_ACCESS, 413, 422, UNKNOWN_DATASET_VERSION),
)
async def screenings(
    data: ScreeningIn, principal: InstitutionQuerier, quota: ScreeningQuota, request: Request
) -> Response:
    snapshot = _snapshot(request)
    version = lookups.known_version(snapshot, data.dataset_version)
    day = data.as_of or clock.today()
    items = [ScreeningItem(i.credit_code, i.name, i.reference) for i in data.items]
    results, answer_json = screening.screen_encoded(snapshot, items, day, version)
    receipting: Receipting = request.app.state.receipting
    receipt_id, receipt = receipting.issue_serialized(
        principal,
        kind="screening",
        query_json=screening.query_json(items, day, data.dataset_version),
        answer_json=answer_json,
        as_of=day,
        dataset_version=version,
    )
    # ScreeningOut, with the results already encoded.
    body = (
        f'{{"as_of":"{day.isoformat()}","dataset_version":{version},"results":{results},'
        f'"receipt_id":"{receipt_id}","receipt":"{receipt}"}}'
    )
    return quota.respond(body.encode())


@hot_router.get(
    "/v1/blacklist/search",
    summary="Search the list by name",
    description="Entries in force on `as_of` whose subject's name resembles `q`, ranked with "
    "a score. Full-width and half-width forms, spaces, brackets and the usual company "
    "suffixes (有限公司, 有限责任公司, 股份有限公司 …) make no difference.",
    response_model=SearchOut,
    responses=rate_limited_responses(*_ACCESS, 422, EMPTY_QUERY, UNKNOWN_DATASET_VERSION),
)
async def search(
    principal: InstitutionQuerier,
    quota: SearchQuota,
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    as_of: AsOf = None,
    dataset_version: DatasetVersion = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    normalized = name_key(q)
    if not normalized:
        raise EMPTY_QUERY.problem(
            "The query has nothing to search for once spaces and suffixes are removed.",
            errors=[FieldError(field="query.q", message="empty after normalizing", code="empty")],
        )
    snapshot = request.app.state.blacklist_snapshot.current
    version = lookups.known_version(snapshot, dataset_version)
    day = as_of or clock.today()
    hits = screening.search(snapshot, q, day, version, limit)
    receipting: Receipting = request.app.state.receipting
    receipt_id, receipt = receipting.issue(
        principal,
        kind="search",
        query={
            "q": q,
            "as_of": day.isoformat(),
            "dataset_version": dataset_version,
            "limit": limit,
        },
        answer={"entries": [[v.entry_id, v.fields["version"], score] for score, v in hits]},
        as_of=day,
        dataset_version=version,
    )
    return quota.apply(
        _json(
            {
                "q": q,
                "normalized": normalized,
                "as_of": day.isoformat(),
                "dataset_version": version,
                "results": [{"score": score, "entry": v.fields} for score, v in hits],
                "receipt_id": receipt_id,
                "receipt": receipt,
            }
        )
    )


@router.get(
    "/v1/blacklist/changes",
    summary="The change feed",
    description="Every publish, correction, removal and expiry in order, for keeping a "
    "mirror exactly in step: start with `after=0`, then pass `next_cursor`. Numbers are "
    "given in commit order, so resuming never skips a change; an empty page means you are "
    "up to date (poll again from the same cursor).",
    responses=problem_responses(*_ACCESS, 422),
)
def changes(
    principal: InstitutionQuerier,
    session: DbSession,
    after: Annotated[
        int, Query(ge=0, le=SEQ_MAX, description="The last change you have (0: none).")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ChangesOut:
    rows = feed.after(session, after, limit + 1)
    page = rows[:limit]
    return ChangesOut(
        data=[
            ChangeOut(
                seq=c.seq,
                action=c.action,
                entry_id=c.entry_id,
                entry_version=c.entry_version,
                occurred_at=c.occurred_at,
                entry=PublicEntry.model_validate(json.loads(c.entry)),
            )
            for c in page
        ],
        next_cursor=str(page[-1].seq if page else after),
        has_more=len(rows) > limit,
        dataset_version=feed.dataset_version(session),
    )


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
    responses=problem_responses(*_ACCESS, 404, 422),
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
    responses=problem_responses(*_ACCESS, 422, INVALID_CURSOR),
)
def list_queries(
    principal: InstitutionQuerier,
    request: Request,
    session: DbSession,
    kind: Annotated[str | None, Query(pattern="^(lookup|screening|search)$")] = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[QueryOut]:
    _flush(request)
    statement = reads.institution_queries(principal, kind)
    rows, next_cursor = paginate(
        session, statement, keys=[InstitutionQuery.id], limit=limit, cursor=cursor
    )
    return Page(data=[_query_out(r) for r in rows], next_cursor=next_cursor)
