"""Hidden-danger actions (start, fix, verify, report) and the regulator's regional views."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Body, Depends, Path, Request, Response

from app.core import clock
from app.core.dates import Day
from app.core.errors import INVALID_TRANSITION, problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity.auth import CurrentPrincipal, EnterpriseAccess, enterprise_access
from app.identity.errors import MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE
from app.identity.roles import Capability
from app.regions.codes import RegionCodeQuery
from app.registry import errors, service
from app.registry.catalog import DangerLevel, DangerStatus
from app.registry.dangers import lifecycle, regional
from app.registry.dangers.kind import HIDDEN_DANGERS, to_out
from app.registry.dangers.models import HiddenDanger
from app.registry.dangers.schemas import FixIn, HiddenDangerOut, VerifyIn
from app.registry.kinds import ReadContext, WriteContext

# The kind is part of the access check: a service firm's contract covers some kinds.
DangerWrite = Annotated[
    EnterpriseAccess, Depends(enterprise_access(Capability.RECORDS_WRITE, HIDDEN_DANGERS.path))
]

router = api_router(tags=["hidden-dangers"])

DangerId = Annotated[str, Path(pattern=id_pattern("hdg"), description="Hidden danger id.")]
ITEM = "/v1/enterprises/{enterprise_id}/hidden-dangers/{record_id}"
# Every action: the enterprise's record, optionally at a version.
_ACTION_ERRORS = (401, MISSING_CAPABILITY, OUTSIDE_CONTRACT_SCOPE, 404, 412, 422)


def _load(
    request: Request,
    session: DbSession,
    access: EnterpriseAccess,
    record_id: str,
    if_match: str | None,
) -> tuple[WriteContext, HiddenDanger]:
    ctx = WriteContext(
        session=session,
        principal=access.principal,
        enterprise=access.enterprise,
        cipher=request.app.state.cipher,
        request_id=request_id_of(request),
    )
    danger = service.get(session, HIDDEN_DANGERS, access.enterprise.id, record_id)
    # Optional here: an action names its precondition (the status) itself.
    check_if_match(if_match, etag_for(danger.id, danger.version), required=False)
    return ctx, danger


def _answer(ctx: WriteContext, danger: HiddenDanger, response: Response) -> HiddenDangerOut:
    response.headers["ETag"] = etag_for(danger.id, danger.version)
    return to_out(danger, ReadContext(ctx.session, ctx.principal, ctx.enterprise.id, ctx.cipher))


@router.post(
    f"{ITEM}/start",
    summary="Start fixing a hidden danger",
    description="open → fixing. Refused (409 `five_fields_missing`) until measures, the person "
    "responsible, funds, deadline and contingency plan are recorded (五到位, art. 20).",
    responses=problem_responses(*_ACTION_ERRORS, INVALID_TRANSITION, errors.FIVE_FIELDS_MISSING),
)
def start_fixing(
    record_id: DangerId,
    access: DangerWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> HiddenDangerOut:
    ctx, danger = _load(request, session, access, record_id, if_match)
    return _answer(ctx, lifecycle.start(ctx, danger), response)


@router.post(
    f"{ITEM}/fix",
    summary="Mark a hidden danger fixed",
    description="fixing → fixed, on `fixed_on` (default today). The body is optional: none, "
    "or `{}`, means today.",
    responses=problem_responses(*_ACTION_ERRORS, INVALID_TRANSITION, errors.INVALID_RECORD),
)
def mark_fixed(
    record_id: DangerId,
    access: DangerWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
    data: Annotated[FixIn | None, Body()] = None,
) -> HiddenDangerOut:
    ctx, danger = _load(request, session, access, record_id, if_match)
    fixed_on = data.fixed_on if data is not None else None
    return _answer(ctx, lifecycle.fix(ctx, danger, fixed_on), response)


@router.post(
    f"{ITEM}/verify",
    summary="Verify the fix of a hidden danger",
    description="fixed → verified. The verifier is a person of the enterprise other than the "
    "one responsible, or a named outside professional.",
    responses=problem_responses(*_ACTION_ERRORS, INVALID_TRANSITION, errors.INVALID_RECORD),
)
def verify_fix(
    record_id: DangerId,
    data: VerifyIn,
    access: DangerWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> HiddenDangerOut:
    ctx, danger = _load(request, session, access, record_id, if_match)
    verified = lifecycle.verify(
        ctx, danger, data.verified_on, data.verifier_person_id, data.external_verifier
    )
    return _answer(ctx, verified, response)


@router.post(
    f"{ITEM}/report",
    summary="Report a major hidden danger to the regulator",
    description="Records the report (article 5: major hidden dangers are reported weekly) with "
    "its time; the regulator of the enterprise's region sees it in its views at once.",
    responses=problem_responses(*_ACTION_ERRORS, errors.NOT_MAJOR, errors.ALREADY_REPORTED),
)
def report_to_regulator(
    record_id: DangerId,
    access: DangerWrite,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> HiddenDangerOut:
    ctx, danger = _load(request, session, access, record_id, if_match)
    return _answer(ctx, lifecycle.report(ctx, danger), response)


@router.get(
    "/v1/hidden-dangers",
    summary="Hidden dangers across enterprises",
    description="Every hidden danger the caller may see, across enterprises: a regulator's "
    "region (filter `region` for a subtree, `level=major` for the article-5 view); an "
    "enterprise its own. Oldest first. Each item names its `enterprise_id` and "
    "`enterprise_name`.",
    responses=problem_responses(401, 422),
)
def list_regional(
    principal: CurrentPrincipal,
    request: Request,
    session: DbSession,
    level: DangerLevel | None = None,
    status: DangerStatus | None = None,
    unresolved: bool | None = None,
    region: RegionCodeQuery = None,
    found_from: Day | None = None,
    found_to: Day | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[regional.RegionalHiddenDangerOut]:
    filters = regional.RegionalFilters(level, status, unresolved, region, found_from, found_to)
    statement = regional.readable(principal, filters)
    rows, next_cursor = paginate(
        session, statement, keys=[HiddenDanger.id], limit=limit, cursor=cursor
    )
    cipher = request.app.state.cipher
    names = regional.enterprise_names(session, rows)
    shown = [
        regional.RegionalHiddenDangerOut(
            **to_out(d, ReadContext(session, principal, d.enterprise_id, cipher)).model_dump(),
            enterprise_id=d.enterprise_id,
            enterprise_name=names[d.enterprise_id],
        )
        for d in rows
    ]
    return Page(data=shown, next_cursor=next_cursor)


@router.get(
    "/v1/hidden-dangers/weekly-report",
    summary="Weekly report of major hidden dangers (CSV)",
    description="Article 5's weekly report for the caller's region: every major hidden danger "
    "found in the week (Monday to Sunday of `week_of`, default last week) or still being "
    "fixed then. CSV in UTF-8 with a byte-order mark; headers in Chinese and English.",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "The report"},
        **problem_responses(401, 422),
    },
)
def weekly_report(
    principal: CurrentPrincipal,
    session: DbSession,
    week_of: Day | None = None,
    region: RegionCodeQuery = None,
) -> Response:
    monday, _ = regional.week_bounds(week_of or clock.today() - timedelta(days=7))
    body = regional.weekly_report_csv(session, principal, monday, region)
    filename = f"major-hidden-dangers-{monday.isoformat()}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
