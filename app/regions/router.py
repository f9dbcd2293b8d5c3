"""`GET /v1/regions`: the public region tree (reference data, no authentication)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.core.errors import NotFound, problem_responses
from app.core.pagination import CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.regions import service
from app.regions.codes import RegionCodePath, RegionCodeQuery
from app.regions.models import Region
from app.regions.schemas import RegionOut

router = api_router(prefix="/v1/regions", tags=["regions"])


@router.get(
    "",
    summary="List regions",
    description="The region tree (GB/T 2260 division codes; lower levels added by regulators). "
    "Filter by `parent` for direct children or `under` for a whole subtree.",
    responses=problem_responses(422),
)
def list_regions(
    session: DbSession,
    parent: RegionCodeQuery = None,
    under: Annotated[str | None, Query(max_length=20)] = None,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
) -> Page[RegionOut]:
    statement = service.list_statement(parent=parent, under=under)
    rows, next_cursor = paginate(session, statement, keys=[Region.code], limit=limit, cursor=cursor)
    return Page(data=[RegionOut.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/{code}",
    summary="Get a region",
    description="One region by its code.",
    responses=problem_responses(404, 422),
)
def get_region(code: RegionCodePath, session: DbSession) -> RegionOut:
    region = session.get(Region, code)
    if region is None:
        raise NotFound(f"No region {code}.")
    return RegionOut.model_validate(region)
