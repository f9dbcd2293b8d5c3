"""`/v1/watchlists`: institutions' portfolios of credit codes and their members' status."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Path, Query, Request, Response, UploadFile

from app.core import errors as core_errors
from app.core.body_limit import max_body_bytes
from app.core.errors import problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.core.upload_limits import WATCHLIST_CSV_LIMITS
from app.core.validators.uscc import CREDIT_CODE_PATTERN
from app.identity.errors import INSTITUTIONS_ONLY, MISSING_CAPABILITY
from app.watchlists import errors, members, service
from app.watchlists.auth import (
    ReadableWatchlistId,
    WatchlistReader,
    WatchlistWriter,
    WritableWatchlistId,
)
from app.watchlists.models import Watchlist
from app.watchlists.rows import MemberRow
from app.watchlists.schemas import (
    IMPORT_MAX_ROWS,
    REQUEST_MAX_MEMBERS,
    MembersAdded,
    MembersIn,
    MembersPage,
    MembersRemoved,
    MembersRemoveIn,
    WatchlistIn,
    WatchlistOut,
    WatchlistPatch,
)
from app.watchlists.upload import read_members

router = api_router(prefix="/v1/watchlists", tags=["watchlists"])

# 10,000 JSON members with 100-character references, even \u-escaped, stay under 8 MiB.
JSON_MEMBERS_BYTES = 8 * 1024 * 1024
# Who may not use watchlists at all: another kind of organization, or a missing capability.
_ACCESS = (401, INSTITUTIONS_ONLY, MISSING_CAPABILITY)
_READ_ERRORS = problem_responses(*_ACCESS, 404, 422)
# What reading a members file may refuse (app/watchlists/upload.py).
_FILE_REFUSALS = (
    errors.EMPTY_FILE,
    errors.UNKNOWN_COLUMN,
    errors.MISSING_COLUMN,
    core_errors.UNSUPPORTED_FILE,
    core_errors.UNSUPPORTED_ENCODING,
    core_errors.MALFORMED_CSV,
    core_errors.LINE_TOO_LONG,
    core_errors.CELL_TOO_LONG,
    core_errors.TOO_MANY_ROWS,
    core_errors.TOO_MANY_COLUMNS,
)


def _out(watchlist: Watchlist, response: Response | None = None) -> WatchlistOut:
    if response is not None:
        response.headers["ETag"] = etag_for(watchlist.id, watchlist.version)
    return WatchlistOut.model_validate(watchlist, from_attributes=True)


@router.post(
    "",
    status_code=201,
    summary="Create a watchlist",
    description="A named list of credit codes to watch (a loan or policy portfolio), empty "
    "at first. Names are unique among your organization's lists (409 otherwise). Needs "
    "`watchlists:write` (an institution's editor or admin, or a client with that scope). "
    "Returns 201 with `Location` and `ETag`.",
    responses=problem_responses(*_ACCESS, errors.WATCHLIST_NAME_TAKEN, 422),
)
def create_watchlist(
    data: WatchlistIn,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
    response: Response,
) -> WatchlistOut:
    watchlist = service.create(session, principal, data, request_id_of(request))
    response.headers["Location"] = f"/v1/watchlists/{watchlist.id}"
    return _out(watchlist, response)


@router.get(
    "",
    summary="List watchlists",
    description="Your organization's live watchlists, oldest first, cursor-paginated.",
    responses=problem_responses(*_ACCESS, 422),
)
def list_watchlists(
    principal: WatchlistReader,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[WatchlistOut]:
    rows, next_cursor = paginate(
        session, service.readable(principal), keys=[Watchlist.id], limit=limit, cursor=cursor
    )
    return Page(data=[_out(w) for w in rows], next_cursor=next_cursor)


@router.get(
    "/{watchlist_id}",
    summary="Get a watchlist",
    description="One watchlist with its member count and the ETag a change needs. The ETag "
    "changes with every change to the list, its members included.",
    responses=_READ_ERRORS,
)
def get_watchlist(
    watchlist_id: ReadableWatchlistId,
    principal: WatchlistReader,
    session: DbSession,
    response: Response,
) -> WatchlistOut:
    return _out(service.visible(session, principal, watchlist_id), response)


@router.patch(
    "/{watchlist_id}",
    summary="Rename or describe a watchlist",
    description="Partial update of `name` and `description`; needs `If-Match` with the "
    "list's ETag (428 without, 412 when stale). A patch that changes nothing keeps the ETag.",
    responses=problem_responses(*_ACCESS, 404, errors.WATCHLIST_NAME_TAKEN, 412, 422, 428),
)
def update_watchlist(
    watchlist_id: WritableWatchlistId,
    data: WatchlistPatch,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> WatchlistOut:
    watchlist = service.locked(session, principal, watchlist_id)
    check_if_match(if_match, etag_for(watchlist.id, watchlist.version))
    return _out(
        service.update(session, principal, watchlist, data, request_id_of(request)), response
    )


@router.delete(
    "/{watchlist_id}",
    status_code=204,
    summary="Delete a watchlist",
    description="Soft delete: the list disappears from answers and stops producing "
    "notifications; its name can be used again. `If-Match` is optional (412 when stale).",
    responses=problem_responses(*_ACCESS, 404, 412, 422),
    response_class=Response,
)
def delete_watchlist(
    watchlist_id: WritableWatchlistId,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
    if_match: IfMatch = None,
) -> Response:
    watchlist = service.locked(session, principal, watchlist_id)
    check_if_match(if_match, etag_for(watchlist.id, watchlist.version), required=False)
    service.delete(session, principal, watchlist, request_id_of(request))
    return Response(status_code=204)


@router.post(
    "/{watchlist_id}/members",
    summary="Add members",
    description=f"Up to {REQUEST_MAX_MEMBERS:,} credit codes, each with an optional "
    "reference (your customer or policy number, at most 100 characters). Idempotent: a code "
    "already on the list is not added again; a reference given replaces the present one, a "
    "missing one keeps it. The answer counts what was added, updated and unchanged. All or "
    "nothing: if any code is invalid the answer is 422 with every bad member in `errors` "
    "(`body.members[3].credit_code`) and nothing is written; a list that would exceed its "
    "cap (100,000 by default) is 409 `watchlist_full`.",
    responses=problem_responses(
        *_ACCESS, 404, errors.WATCHLIST_FULL, 413, 422, errors.INVALID_MEMBERS
    ),
)
@max_body_bytes(JSON_MEMBERS_BYTES)
def add_members(
    watchlist_id: WritableWatchlistId,
    data: MembersIn,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
) -> MembersAdded:
    rows = [
        MemberRow(f"body.members[{i}]", f"member {i}", m.credit_code, m.reference)
        for i, m in enumerate(data.members)
    ]
    return members.add(
        session,
        principal,
        watchlist_id,
        rows,
        max_members=request.app.state.settings.watchlist_max_members,
        source="json",
        request_id=request_id_of(request),
    )


@router.post(
    "/{watchlist_id}/members/import",
    summary="Add members from a CSV file",
    description=f"A CSV file (UTF-8 with or without BOM, or GB18030) with a header row and "
    f"up to {IMPORT_MAX_ROWS:,} rows: a `credit_code` column (统一社会信用代码) and "
    "optionally `reference` (客户编号). Same rules and answer as adding JSON members: "
    "idempotent, all or nothing; bad rows are named by their row in the file, the header "
    "being row 1 (`file.row[12].credit_code`).",
    responses=problem_responses(
        *_ACCESS, 404, errors.WATCHLIST_FULL, 413, 422, errors.INVALID_MEMBERS, *_FILE_REFUSALS
    ),
)
@max_body_bytes(WATCHLIST_CSV_LIMITS.body_bytes)
def import_members(
    watchlist_id: WritableWatchlistId,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
    file: Annotated[UploadFile, File(description="The .csv file.")],
) -> MembersAdded:
    # FastAPI has read the form (the body's bound is checked as it is read); the file is
    # spooled, so reading it here, in the request's thread, blocks no one.
    content = file.file.read()
    return members.add(
        session,
        principal,
        watchlist_id,
        read_members(content),
        max_members=request.app.state.settings.watchlist_max_members,
        source="csv",
        request_id=request_id_of(request),
    )


@router.post(
    "/{watchlist_id}/members/remove",
    summary="Remove members",
    description=f"Takes up to {REQUEST_MAX_MEMBERS:,} credit codes off the list. A code "
    "that is not on it is counted as `absent`, not refused; a malformed code is 422 and "
    "nothing is removed.",
    responses=problem_responses(*_ACCESS, 404, 413, 422, errors.INVALID_MEMBERS),
)
@max_body_bytes(JSON_MEMBERS_BYTES)
def remove_members(
    watchlist_id: WritableWatchlistId,
    data: MembersRemoveIn,
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
) -> MembersRemoved:
    return members.remove(
        session, principal, watchlist_id, data.credit_codes, request_id_of(request)
    )


@router.get(
    "/{watchlist_id}/members",
    summary="Members and their status",
    description="The list's members in credit-code order, each with whether it is on the "
    "blacklist today (Asia/Shanghai) and the published entries in force for it (public "
    "fields). `listed=true` gives only the listed members, `listed=false` the others.",
    responses=_READ_ERRORS,
)
def list_members(
    watchlist_id: ReadableWatchlistId,
    principal: WatchlistReader,
    session: DbSession,
    listed: Annotated[bool | None, Query(description="Only listed (or unlisted) ones.")] = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> MembersPage:
    return members.page(session, principal, watchlist_id, listed=listed, limit=limit, cursor=cursor)


@router.delete(
    "/{watchlist_id}/members/{credit_code}",
    status_code=204,
    summary="Remove one member",
    description="Takes one credit code off the list: 204, or 404 `not_a_member` when it is "
    "not on it.",
    responses=problem_responses(*_ACCESS, 404, errors.NOT_A_MEMBER, 422, errors.INVALID_MEMBERS),
    response_class=Response,
)
def remove_member(
    watchlist_id: WritableWatchlistId,
    credit_code: Annotated[
        str, Path(pattern=CREDIT_CODE_PATTERN, description="Unified social credit code.")
    ],
    principal: WatchlistWriter,
    request: Request,
    session: DbSession,
) -> Response:
    members.remove_one(session, principal, watchlist_id, credit_code, request_id_of(request))
    return Response(status_code=204)
