"""`GET /v1/regions`: the public region tree (reference data, no authentication)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.core.dates import Day
from app.core.errors import NOT_FOUND, problem_responses
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.regions import errors, names, service
from app.regions.codes import RegionCodePath, RegionCodeQuery
from app.regions.models import Region
from app.regions.schemas import RegionDetailOut, RegionNameOut, RegionOut, RegionRefOut

router = api_router(prefix="/v1/regions", tags=["regions"])

AsOfQuery = Annotated[
    Day | None,
    Query(
        description="Show each region under the name in force on this day (YYYY-MM-DD); "
        "without it, the name it has now."
    ),
]


def _shown(region: Region, name: str) -> RegionOut:
    return RegionOut.model_validate(region).model_copy(update={"name": name})


@router.get(
    "",
    summary="List regions",
    description="The region tree: China (100000), its provinces, prefectures and counties "
    "(GB/T 2260, the 2024 edition) and the towns seeded below them. Filter by `parent` for "
    "direct children or `under` for a whole subtree (`410000`: all of Henan). With `as_of`, "
    "each region under its name of that day; a region with no name recorded that day is "
    "left out.",
    responses=problem_responses(422),
)
def list_regions(
    session: DbSession,
    parent: RegionCodeQuery = None,
    under: Annotated[str | None, Query(max_length=20)] = None,
    as_of: AsOfQuery = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[RegionOut]:
    statement = service.list_statement(parent=parent, under=under, as_of=as_of)
    rows, next_cursor = paginate(session, statement, keys=[Region.code], limit=limit, cursor=cursor)
    named = {r.code: r.name for r in rows} if as_of is None else names.names_on(rows, as_of)
    return Page(data=[_shown(r, named[r.code]) for r in rows], next_cursor=next_cursor)


@router.get(
    "/{code}",
    summary="Get a region",
    description="One region by its code, with every name it has had (each with its days, "
    "source and whether those are provisional) and the regions above it up to China "
    "(100000). With `as_of`, `name` is the name in force "
    "that day; a day no recorded name covers is 404 `region_not_named`.",
    responses=problem_responses(404, errors.REGION_NOT_NAMED, 422),
)
def get_region(
    code: RegionCodePath, session: DbSession, as_of: AsOfQuery = None
) -> RegionDetailOut:
    region = session.get(Region, code)
    if region is None:
        raise NOT_FOUND.problem(f"No region {code}.")
    name = region.name if as_of is None else names.name_in_force(region, as_of)
    above = service.ancestors_of(session, region)
    named = {r.code: r.name for r in above} if as_of is None else names.names_on(above, as_of)
    return RegionDetailOut(
        **_shown(region, name).model_dump(),
        names=[RegionNameOut.of(n) for n in names.history(region)],
        ancestors=[RegionRefOut(code=r.code, name=named[r.code]) for r in above],
    )
