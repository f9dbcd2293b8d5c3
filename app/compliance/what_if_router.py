"""`/v1/enterprises/{id}/compliance/what-if` and `/v1/regions/{code}/compliance-what-if`:
what changes for me (or my region), and when — as the law stands (GET) or as a draft would
have it (POST)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Header, Query
from sqlalchemy.orm import Session

from app.compliance.drafts import Draft, draft_of
from app.compliance.engine import Evaluation, evaluate, severity_of
from app.compliance.errors import (
    DRAFT_PARAMETER_UNKNOWN,
    DRAFT_VALUE_INVALID,
    UNKNOWN_PACK,
    UNKNOWN_RULE,
    WHAT_IF_BACKWARDS,
)
from app.compliance.language import negotiate
from app.compliance.pack_query import PackQuery, chosen
from app.compliance.packs import PACKS, pack_or_404
from app.compliance.report import duty_out
from app.compliance.rules import Pack, Status
from app.compliance.schemas import DatedValueOut, PackRef
from app.compliance.trace import dated_out
from app.compliance.what_if import (
    RuleChange,
    ValueChange,
    newly_failing_severities,
    next_change_of_law,
    region_impact,
    rule_changes,
    value_changes,
)
from app.compliance.what_if_schemas import (
    DraftIn,
    DraftOut,
    DutyImpactOut,
    FindingChangeOut,
    RegionWhatIfOut,
    RuleImpactOut,
    StandingMove,
    ValueChangeOut,
    WhatIfIn,
    WhatIfOut,
)
from app.core import clock
from app.core.dates import Day
from app.core.errors import problem_responses
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.enterprises import service as enterprises
from app.identity.auth import EnterpriseAccess, EnterpriseRead, RegionAccess, RegionWatch
from app.identity.errors import OUTSIDE_YOUR_REGION, REGULATORS_ONLY
from app.law.parameters import Dated

router = api_router(tags=["compliance"])


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance/what-if",
    summary="What changes between two dates",
    description="The enterprise's records judged on `from` (default today) and on `as_of` "
    "(a later date, e.g. 2026-06-01 when MEM order 19 replaces SAWS order 30, or "
    "2026-08-01 for GBZ 188-2025; by default the next day after `from` on which a pack "
    "starts or a legal value changes), each by the stack of packs in force then (or `pack` "
    "alone): only the findings that change (new failures, new passes, changed due dates, "
    "rules of a layer starting or ending), the duties whose verdict changes, and the legal "
    "values the rules read that differ between the dates, with their sources. Records "
    "dated after `from` count on `as_of` as recorded; nothing is assumed about records not "
    "yet made, so a certificate that lapses in between shows as a new failure.",
    responses=problem_responses(401, 404, UNKNOWN_PACK, WHAT_IF_BACKWARDS, 422),
)
def compliance_what_if(
    access: EnterpriseRead,
    session: DbSession,
    as_of: Annotated[
        Day | None,
        Query(description="The later date; default: the next day the law changes after `from`."),
    ] = None,
    from_date: Annotated[Day | None, Query(alias="from")] = None,
    pack: PackQuery = None,
    accept_language: Annotated[str | None, Header(description="zh-CN (default) or en.")] = None,
) -> WhatIfOut:
    start = from_date or clock.today()
    return _enterprise_what_if(
        session, access, start, as_of or _next_change(start), chosen(pack), accept_language
    )


@router.post(
    "/v1/enterprises/{enterprise_id}/compliance/what-if",
    summary="What a draft of the law would change",
    description="The enterprise's records judged on `from` (default today) by the law in "
    "force, and on `as_of` (default: the later of `from` and the draft's `effective_from`) "
    "by the law as `draft` would have it: one pack with new legal values from a date and "
    "rules repealed. The answer is the GET what-if's, with the draft echoed; every value "
    "the draft sets is provisional and cites the draft as its source. Nothing is stored, "
    "so a retry is harmless and no `Idempotency-Key` is needed.",
    responses=problem_responses(
        401,
        404,
        UNKNOWN_PACK,
        UNKNOWN_RULE,
        DRAFT_PARAMETER_UNKNOWN,
        DRAFT_VALUE_INVALID,
        WHAT_IF_BACKWARDS,
        422,
    ),
)
def compliance_what_if_draft(
    access: EnterpriseRead,
    session: DbSession,
    data: WhatIfIn,
    accept_language: Annotated[str | None, Header(description="zh-CN (default) or en.")] = None,
) -> WhatIfOut:
    draft = _draft(data.draft)
    start = data.from_date or clock.today()
    as_of = data.as_of or max(start, draft.effective_from)
    return _enterprise_what_if(
        session, access, start, as_of, chosen(data.pack), accept_language, draft
    )


def _enterprise_what_if(
    session: Session,
    access: EnterpriseAccess,
    start: date,
    as_of: date,
    alone: Pack | None,
    accept_language: str | None,
    draft: Draft | None = None,
) -> WhatIfOut:
    language = negotiate(accept_language)
    if as_of < start:
        raise WHAT_IF_BACKWARDS.problem(f"`as_of` {as_of} is before `from` {start}.")
    profile = enterprises.get(session, access.enterprise)
    now = evaluate(session, profile, start, alone)
    then = evaluate(session, profile, as_of, alone, draft)
    changes = rule_changes(now, then)
    changed_duties = {v.duty.key: v.status for v in now.duties()}
    return WhatIfOut(
        enterprise_id=profile.id,
        from_date=start,
        as_of=as_of,
        draft=_draft_out(draft),
        language=language,
        packs_before=_packs(now),
        packs_after=_packs(then),
        standing_before=now.overall(),
        standing_after=then.overall(),
        newly_failing_by_severity=newly_failing_severities(changes),
        findings=[_finding_change(c, language) for c in changes],
        duties=[
            duty_out(v, language)
            for v in then.duties()
            if changed_duties.get(v.duty.key) is not v.status
        ],
        values=[_value_change(v) for v in value_changes(now, then, draft)],
    )


@router.get(
    "/v1/regions/{code}/compliance-what-if",
    summary="What changes for a region between two dates",
    description="Every verified enterprise of the region's subtree judged on `from` (default "
    "today) and on the later `as_of`, each by its own stack (or `pack` alone): how many move "
    "from each standing to each other, how many newly fail or newly pass each duty and each "
    "rule, and the legal values that change — a change of law's impact before it applies. "
    "It evaluates the subtree twice, as the overview does once. Regulators, for their region "
    "or one below it.",
    responses=problem_responses(
        401, REGULATORS_ONLY, OUTSIDE_YOUR_REGION, 404, UNKNOWN_PACK, WHAT_IF_BACKWARDS, 422
    ),
)
def region_what_if(
    access: RegionWatch,
    session: DbSession,
    as_of: Annotated[
        Day | None,
        Query(description="The later date; default: the next day the law changes after `from`."),
    ] = None,
    from_date: Annotated[Day | None, Query(alias="from")] = None,
    pack: PackQuery = None,
    accept_language: Annotated[str | None, Header(description="zh-CN (default) or en.")] = None,
) -> RegionWhatIfOut:
    start = from_date or clock.today()
    return _region_what_if(
        session, access, start, as_of or _next_change(start), chosen(pack), accept_language
    )


@router.post(
    "/v1/regions/{code}/compliance-what-if",
    summary="What a draft of the law would change for a region",
    description="Every verified enterprise of the region's subtree judged on `from` (default "
    "today) by the law in force and on `as_of` (default: the later of `from` and the "
    "draft's `effective_from`) by the law as `draft` would have it: a change's impact before "
    "it is adopted. The answer is the GET what-if's, with the draft echoed. Nothing is "
    "stored. Regulators, for their region or one below it.",
    responses=problem_responses(
        401,
        REGULATORS_ONLY,
        OUTSIDE_YOUR_REGION,
        404,
        UNKNOWN_PACK,
        UNKNOWN_RULE,
        DRAFT_PARAMETER_UNKNOWN,
        DRAFT_VALUE_INVALID,
        WHAT_IF_BACKWARDS,
        422,
    ),
)
def region_what_if_draft(
    access: RegionWatch,
    session: DbSession,
    data: WhatIfIn,
    accept_language: Annotated[str | None, Header(description="zh-CN (default) or en.")] = None,
) -> RegionWhatIfOut:
    draft = _draft(data.draft)
    start = data.from_date or clock.today()
    as_of = data.as_of or max(start, draft.effective_from)
    return _region_what_if(session, access, start, as_of, chosen(data.pack), accept_language, draft)


def _region_what_if(
    session: Session,
    access: RegionAccess,
    start: date,
    as_of: date,
    alone: Pack | None,
    accept_language: str | None,
    draft: Draft | None = None,
) -> RegionWhatIfOut:
    language = negotiate(accept_language)
    if as_of < start:
        raise WHAT_IF_BACKWARDS.problem(f"`as_of` {as_of} is before `from` {start}.")
    region = access.region
    impact = region_impact(session, access.principal, region, alone, start, as_of, draft)
    return RegionWhatIfOut(
        region_code=region.code,
        from_date=start,
        as_of=as_of,
        draft=_draft_out(draft),
        language=language,
        enterprises=impact.enterprises,
        standings=[
            StandingMove(before=Status(b), after=Status(a), enterprises=n)
            for (b, a), n in sorted(impact.standings.items())
        ],
        duties=[
            DutyImpactOut(
                key=key,
                title=duty.title.get(language),
                newly_failing=impact.failing_by_duty[key],
                newly_passing=impact.passing_by_duty[key],
            )
            for key, duty in impact.duties.items()
            if impact.failing_by_duty[key] or impact.passing_by_duty[key]
        ],
        rules=[
            RuleImpactOut(
                rule_id=rule_id,
                pack=rule_pack.id,
                title=rule.title.get(language),
                newly_failing=impact.failing_by_rule[rule_id],
                newly_passing=impact.passing_by_rule[rule_id],
            )
            for rule_id, (rule_pack, rule) in impact.rules.items()
        ],
        values=[_value_change(v) for v in impact.values.values()],
    )


def _next_change(start: date) -> date:
    """The next day any pack starts or a legal value changes; a year on if none is known."""
    return next_change_of_law(PACKS.values(), start) or start + timedelta(days=365)


def _draft(data: DraftIn) -> Draft:
    return draft_of(
        pack_or_404(data.pack), data.title, data.effective_from, data.values, data.repeal
    )


def _draft_out(draft: Draft | None) -> DraftOut | None:
    if draft is None:
        return None
    return DraftOut(
        pack=draft.pack.id,
        version=draft.version.version,
        title=draft.title,
        effective_from=draft.effective_from,
        values=list(draft.parameters),
        repealed=list(draft.repealed),
    )


def _packs(evaluation: Evaluation) -> list[PackRef]:
    return [PackRef(id=p.id, version=p.version) for p in evaluation.packs]


def _finding_change(change: RuleChange, language: str) -> FindingChangeOut:
    before, after = change.before, change.after
    return FindingChangeOut(
        rule_id=change.rule.id,
        pack=change.pack.id,
        duty=change.rule.duty.key,
        citation=change.pack.cite(change.rule.article, language),
        title=change.rule.title.get(language),
        change=change.change.value,
        before=before.status if before else None,
        after=after.status if after else None,
        severity=severity_of(change.rule, after) if after else None,
        due_before=before.due if before else None,
        due_after=after.due if after else None,
        message=after.message.get(language) if after else None,
    )


def _value_change(change: ValueChange) -> ValueChangeOut:
    def shown(dated: Dated[Any] | None) -> DatedValueOut | None:
        if dated is None:
            return None
        return DatedValueOut.model_validate(dated_out(change.parameter, dated))

    return ValueChangeOut(
        parameter=change.parameter.key,
        unit=change.parameter.unit,
        description=change.parameter.description,
        before=shown(change.before),
        after=shown(change.after),
    )
