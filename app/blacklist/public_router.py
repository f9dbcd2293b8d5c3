"""`/v1/public/blacklist…`: the public notice of article 21, for anyone, without a token.

Why it is built this way: docs/design-notes.md, "The public notice, from memory".
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from app.blacklist import public_notice
from app.blacklist.catalog import ReasonCategory
from app.blacklist.errors import AS_OF_IN_FUTURE, EMPTY_QUERY, INVALID_DATE_RANGE
from app.blacklist.public_notice import CurrentCache, CurrentEntries, NoticeFilter, SortKey
from app.blacklist.schemas_institutions import PublicEntry
from app.blacklist.snapshot import SnapshotHolder
from app.core import clock
from app.core.dates import Day
from app.core.errors import INVALID_CURSOR, FieldError, problem_responses
from app.core.html_pages import page_headers
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, decode_cursor, encode_cursor
from app.regions.codes import RegionPrefixQuery

router = APIRouter(prefix="/v1/public/blacklist", tags=["public"])

ORDERING = "public-blacklist:effective_from-desc,id-desc"
# The JSON carries exactly the documented public fields, whatever else a feed entry holds.
ENTRY_KEYS = tuple(PublicEntry.model_fields)
HTML_HEADERS = page_headers("zh-CN")
_current = CurrentCache()

_EXAMPLE_ENTRY: dict[str, Any] = {
    "id": "bl_01JZ8Q4M6B3N7D2K5F9H0T1R2S",
    "version": 1,
    "status": "published",
    "credit_code": "91410108MA9X8TQM1U",
    "subject_name": "郑州某化工有限公司",
    "legal_representative": "李四",
    "responsible_people": [{"role": "principal", "name": "李四"}],
    "region_code": "410108101",
    "reason": "major_hidden_danger_unremedied",
    "legal_basis": "mem_2023",
    "facts": "储罐区重大事故隐患经责令整改逾期未整改。",
    "deciding_authority": "惠济区应急管理局",
    "decision_number": "惠应急失信〔2026〕1号",
    "effective_from": "2026-06-01",
    "expires_on": "2029-05-31",
    "removed_on": None,
    "removal_reason": None,
}


class PublicNoticeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [_EXAMPLE_ENTRY],
                    "next_cursor": None,
                    "as_of": "2026-07-01",
                    "dataset_version": 42,
                }
            ]
        }
    )

    data: list[PublicEntry]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )
    as_of: date = Field(
        description="The day the entries are in force: `as_of` if asked, else today "
        "(Asia/Shanghai)."
    )
    dataset_version: int = Field(description="The change-feed number the notice was served at.")


def notice_filter(
    region: RegionPrefixQuery = None,
    reason: Annotated[ReasonCategory | None, Query(description="Why listed.")] = None,
    listed_from: Annotated[
        Day | None, Query(description="Listed (`effective_from`) on or after this day.")
    ] = None,
    listed_to: Annotated[
        Day | None, Query(description="Listed (`effective_from`) on or before this day.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="Part of the subject's name; spacing, full/half width and company "
            "suffixes make no difference.",
        ),
    ] = None,
) -> NoticeFilter:
    return NoticeFilter.of(
        region=region, reason=reason, listed_from=listed_from, listed_to=listed_to, q=q
    )


Filters = Annotated[NoticeFilter, Depends(notice_filter)]


def notice_day(
    as_of: Annotated[
        Day | None,
        Query(
            description="The notice as it stood on this past day: the entries in force then, "
            "each as published by the end of that day. Default: today."
        ),
    ] = None,
) -> date | None:
    if as_of is not None and as_of > clock.today():
        raise AS_OF_IN_FUTURE.problem(
            "The notice of a day to come is not known yet: as_of must be today or earlier.",
            errors=[FieldError(field="query.as_of", message="after today", code="in_future")],
        )
    return as_of


NoticeDay = Annotated[date | None, Depends(notice_day)]
# What the notice's filters and day may refuse.
_FILTER_REFUSALS = (INVALID_DATE_RANGE, EMPTY_QUERY, AS_OF_IN_FUTURE)


def _current_entries(request: Request, as_of: date | None) -> CurrentEntries:
    holder: SnapshotHolder = request.app.state.blacklist_snapshot
    if as_of is None:
        return _current.get(holder.current, clock.today())
    return _current.get(holder.current, as_of, as_then=True)


def _after(cursor: str | None) -> SortKey | None:
    if cursor is None:
        return None
    day, entry_id = decode_cursor(ORDERING, cursor, 2)
    # A hand-made cursor could carry other types (an instant compares with no date): a bad
    # cursor is a 422, not a 500.
    if type(day) is not date or not isinstance(entry_id, str):
        raise INVALID_CURSOR.problem(
            "The cursor is not valid for this list; start again without it.",
            errors=[FieldError(field="query.cursor", message="bad key", code="invalid_cursor")],
        )
    return day, entry_id


def _public(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: fields[key] for key in ENTRY_KEYS}


@router.get(
    "",
    summary="The public notice",
    description="The blacklist as published under article 21 of 惠政文〔2014〕53号: the "
    "entries in force today (published, `effective_from` ≤ today ≤ `expires_on`, not "
    "removed), public fields only — never ID numbers, never who proposed or approved. No "
    "token needed. Newest `effective_from` first, then by id; the cursor is stable while "
    "entries are published. Filter by region subtree, reason, listing dates and name. "
    "`as_of` (default today) asks for the notice as it stood on a past day; "
    "`dataset_version` is the change-feed number served.",
    response_model=PublicNoticeOut,
    responses=problem_responses(422, *_FILTER_REFUSALS, INVALID_CURSOR),
)
def public_list(
    request: Request,
    only: Filters,
    as_of: NoticeDay,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> JSONResponse:
    after = _after(cursor)
    current = _current_entries(request, as_of)
    rows, last = public_notice.page(current, only, limit, after)
    return JSONResponse(
        {
            "data": [_public(v.fields) for v in rows],
            "next_cursor": None if last is None else encode_cursor(ORDERING, list(last)),
            "as_of": current.day.isoformat(),
            "dataset_version": current.dataset_version,
        }
    )


@router.get(
    "/notice.html",
    summary="The public notice as a printable page",
    description="The same entries and filters as the JSON notice, as one self-contained "
    "Chinese HTML page (安全生产严重失信主体名单公告; inline CSS for A4, no script, no external "
    f"resource) citing 惠政文〔2014〕53号第二十一条 and each entry's legal basis. At most "
    f"{public_notice.HTML_ROW_CAP:,} rows; the page says when more entries match (the JSON "
    "list pages through all). `X-Total-Count` gives the number matching.",
    response_class=HTMLResponse,
    responses={
        200: {
            "content": {"text/html": {"example": '<!DOCTYPE html>\n<html lang="zh-CN">…'}},
            "description": "The printable notice",
        },
        **problem_responses(422, *_FILTER_REFUSALS),
    },
)
def public_notice_html(request: Request, only: Filters, as_of: NoticeDay) -> HTMLResponse:
    page, total = public_notice.notice_html(_current_entries(request, as_of), only)
    return HTMLResponse(page, headers={**HTML_HEADERS, "X-Total-Count": str(total)})
