"""`/v1/public/safety-commitments…`: published safety commitments (article 21), no token.

Read from the database, like the public region tree: commitments are not in the blacklist's
in-memory snapshot, and a copy refreshed now and then would show a commitment published
today only later. Each request stays bounded: a keyset page of at most `MAX_LIMIT` rows, or
a page of at most `HTML_ROW_CAP` rows and one count (decision 81).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from app.core import clock
from app.core.dates import PastDay
from app.core.errors import INVALID_CURSOR, problem_responses
from app.core.html_pages import page_headers
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.regions.codes import RegionPrefixQuery
from app.registry.commitments import public
from app.registry.commitments.public import CommitmentFilter

router = api_router(prefix="/v1/public/safety-commitments", tags=["public"])

HTML_HEADERS = page_headers("zh-CN")


class PublicCommitment(BaseModel):
    """A published commitment as anyone may see it: the enterprise and the commitment's
    texts and days, nothing about a person."""

    id: str
    year: int
    enterprise_name: str
    credit_code: str
    region_code: str
    region_name: str | None
    items: list[str] = Field(description="The commitments, as signed.")
    signed_on: date | None
    published_on: date


class PublicCommitmentsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "data": [
                        {
                            "id": "scm_01m8jz2m4x6hnvp8efz3vt17g0",
                            "year": 2026,
                            "enterprise_name": "郑州惠济建筑工程有限公司",
                            "credit_code": "91410108MA9X8TQM1U",
                            "region_code": "410108001",
                            "region_name": "刘寨街道",
                            "items": ["严格遵守安全生产法律法规，落实全员安全生产责任制"],
                            "signed_on": "2026-01-08",
                            "published_on": "2026-01-10",
                        }
                    ],
                    "next_cursor": None,
                    "as_of": "2026-07-01",
                }
            ]
        }
    )

    data: list[PublicCommitment]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )
    as_of: date = Field(description="The day the list is as of: published on or before it.")


def commitment_filter(
    year: Annotated[
        int | None, Query(ge=2014, le=9999, description="The year the commitments are for.")
    ] = None,
    region: RegionPrefixQuery = None,
    as_of: Annotated[
        PastDay | None,
        Query(description="Published on or before this day (YYYY-MM-DD); default today."),
    ] = None,
) -> CommitmentFilter:
    return CommitmentFilter(as_of=as_of or clock.today(), year=year, region=region or None)


Filters = Annotated[CommitmentFilter, Depends(commitment_filter)]


@router.get(
    "",
    summary="Published safety commitments",
    description="Enterprises' yearly safety commitments made public under article 21 of "
    "惠政文〔2014〕53号: published ones (on or before `as_of`, default today), not deleted, "
    "of verified enterprises. The enterprise's name, credit code and region, the year, the "
    "days of signing and publication and the commitments' texts — never a person's name, "
    "id or ID number. No token needed. Ordered by region code, credit code, year; filter by "
    "`year` and region subtree.",
    responses=problem_responses(422, INVALID_CURSOR),
)
def list_public_commitments(
    session: DbSession, only: Filters, limit: LimitParam = DEFAULT_LIMIT, cursor: CursorParam = None
) -> PublicCommitmentsOut:
    rows, next_cursor = public.page(session, only, limit, cursor)
    return PublicCommitmentsOut(
        data=[PublicCommitment.model_validate(row) for row in rows],
        next_cursor=next_cursor,
        as_of=only.as_of,
    )


@router.get(
    "/notice.html",
    summary="Published safety commitments as a printable page",
    description="The same commitments and filters as the JSON list, as one self-contained "
    "Chinese HTML page (企业安全生产承诺公告; inline CSS for A4, no script, no external "
    f"resource) citing 惠政文〔2014〕53号第二十一条. At most {public.HTML_ROW_CAP:,} rows; the "
    "page says when more match (the JSON list pages through all). `X-Total-Count` gives the "
    "number matching.",
    response_class=HTMLResponse,
    responses={
        200: {
            "content": {"text/html": {"example": '<!DOCTYPE html>\n<html lang="zh-CN">…'}},
            "description": "The printable page",
        },
        **problem_responses(422),
    },
)
def public_commitments_html(session: DbSession, only: Filters) -> HTMLResponse:
    page, total = public.notice_html(session, only)
    return HTMLResponse(page, headers={**HTML_HEADERS, "X-Total-Count": str(total)})
