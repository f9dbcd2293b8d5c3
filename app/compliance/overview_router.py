"""`/v1/regions/{code}/compliance-overview` and its drill-down, for regulators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query

from app.compliance import overview as service
from app.compliance.errors import UNKNOWN_PACK, UNKNOWN_RULE
from app.compliance.language import negotiate
from app.compliance.overview_schemas import (
    DutyCount,
    IndustryCount,
    OverviewOut,
    RegionalEnterpriseOut,
    RuleCount,
    SubregionCount,
)
from app.compliance.pack_query import PackQuery, chosen
from app.compliance.packs import PACKS
from app.compliance.rules import Status
from app.compliance.schemas import PackRef
from app.core import clock
from app.core.dates import Day
from app.core.errors import INVALID_CURSOR, FieldError, problem_responses
from app.core.pagination import (
    DEFAULT_LIMIT,
    CursorParam,
    LimitParam,
    Page,
    decode_cursor,
    encode_cursor,
)
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.enterprises.catalog import INDUSTRY_SECTIONS
from app.identity.auth import RegionWatch
from app.identity.errors import OUTSIDE_YOUR_REGION, REGULATORS_ONLY

router = api_router(tags=["compliance"])
_ORDERING = "regional-enterprises"
# Who may watch a region as a whole (app/identity/policy.authorize_region).
_ACCESS = (401, REGULATORS_ONLY, OUTSIDE_YOUR_REGION)


@router.get(
    "/v1/regions/{code}/compliance-overview",
    summary="Compliance overview of a region",
    description="Every verified enterprise of the region's subtree evaluated on `as_of` "
    "(default today) by its own stack of packs (or `pack` alone): how many stand at pass, "
    "fail or unknown, how many fail each duty and each rule, by industry section and by "
    "direct sub-region (towns). Computed in bulk from the records; "
    "a whole district takes seconds (docs/performance.md). Regulators, for their region or "
    "one below it.",
    responses=problem_responses(*_ACCESS, 404, UNKNOWN_PACK, 422),
)
def compliance_overview(
    access: RegionWatch,
    session: DbSession,
    as_of: Day | None = None,
    pack: PackQuery = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> OverviewOut:
    alone, language = chosen(pack), negotiate(accept_language)
    result = service.overview(
        session, access.principal, access.region, alone, as_of or clock.today()
    )
    duties = {rule.duty.key: rule.duty for p in result.packs.values() for rule in p.rules}
    return OverviewOut(
        region_code=result.region.code,
        region_name=result.subregion_names[result.region.code],
        packs=[PackRef(id=p.id, version=p.version) for p in result.packs.values()],
        as_of=result.as_of,
        language=language,
        enterprises=result.total.enterprises,
        by_status=result.total.statuses(),
        by_duty=[
            DutyCount(
                key=key,
                title=duties[key].title.get(language),
                failing=counted.get(Status.FAIL.value, 0),
                unknown=counted.get(Status.UNKNOWN.value, 0),
            )
            for key, counted in result.by_duty.items()
        ],
        by_rule=[
            RuleCount(
                rule_id=rule.id,
                pack=p.id,
                article=rule.article,
                title=rule.title.get(language),
                severity=rule.severity,
                failing=result.by_rule[rule.id].get(Status.FAIL.value, 0),
                unknown=result.by_rule[rule.id].get(Status.UNKNOWN.value, 0),
            )
            for p in result.packs.values()
            for rule in p.rules
        ],
        by_industry=[
            IndustryCount(
                section=section,
                name=INDUSTRY_SECTIONS[section][0] if section in INDUSTRY_SECTIONS else section,
                enterprises=tally.enterprises,
                by_status=tally.statuses(),
            )
            for section, tally in sorted(result.by_industry.items())
        ],
        by_region=[
            SubregionCount(
                region_code=code,
                name=result.subregion_names[code],
                enterprises=tally.enterprises,
                by_status=tally.statuses(),
            )
            for code, tally in sorted(result.by_subregion.items())
        ],
    )


@router.get(
    "/v1/regions/{code}/enterprises",
    summary="Enterprises of a region by compliance",
    description="The drill-down of the overview: the subtree's verified enterprises evaluated "
    "on `as_of`, filtered to those failing `failing_rule` (a rule id of the catalogue) and/or "
    "standing at `status`, in a stable order, with their failing rules.",
    responses=problem_responses(*_ACCESS, 404, UNKNOWN_PACK, 422, UNKNOWN_RULE, INVALID_CURSOR),
)
def regional_enterprises(
    access: RegionWatch,
    session: DbSession,
    as_of: Day | None = None,
    pack: PackQuery = None,
    failing_rule: Annotated[str | None, Query(max_length=40)] = None,
    status: Status | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[RegionalEnterpriseOut]:
    alone = chosen(pack)
    searched = [alone] if alone is not None else list(PACKS.values())
    if failing_rule is not None and all(p.rule(failing_rule) is None for p in searched):
        raise UNKNOWN_RULE.problem(
            f"No pack {'' if alone is None else alone.id + ' '}has a rule {failing_rule}.",
            errors=[
                FieldError(field="query.failing_rule", message="unknown rule", code="unknown_rule")
            ],
        )
    after = decode_cursor(_ORDERING, cursor, 1)[0] if cursor is not None else None
    found, last = service.matching(
        session,
        access.principal,
        access.region,
        alone,
        as_of or clock.today(),
        failing_rule=failing_rule,
        status=status,
        after=after,
        limit=limit,
    )
    return Page(
        data=[
            RegionalEnterpriseOut(
                enterprise_id=e.enterprise.id,
                name=e.enterprise.organization.name,
                credit_code=e.enterprise.credit_code,
                region_code=e.enterprise.organization.region_code,
                industry_code=e.enterprise.industry_code,
                status=e.overall(),
                failing_rules=e.failing_rules(),
                failing_by_severity=e.failing_by_severity(),
            )
            for e in found
        ],
        next_cursor=encode_cursor(_ORDERING, [last]) if last is not None else None,
    )
