"""`/v1/service-firms/{id}/clients` and `…/alerts`: where a firm should go first."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query

from app.compliance import portfolio
from app.compliance.language import negotiate
from app.compliance.portfolio_schemas import ClientAlertOut, ClientEnterpriseOut, DueDate
from app.contracts.auth import FirmReader
from app.core import clock
from app.core.dates import Day
from app.core.errors import problem_responses
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

router = api_router(tags=["contracts"])

NEAREST = 3
AcceptLanguage = Annotated[str | None, Header(description="zh-CN (default) or en.")]
WithinDays = Annotated[int, Query(ge=1, le=730, description="Alert window in days.")]


def _client_out(client: portfolio.Client, language: str) -> ClientEnterpriseOut:
    evaluation = client.evaluation
    return ClientEnterpriseOut(
        enterprise_id=client.enterprise.id,
        name=client.name,
        credit_code=client.enterprise.credit_code,
        contract_ids=list(client.contract_ids),
        scope=sorted(client.scope),
        as_of=evaluation.as_of,
        standing=evaluation.overall(),
        by_status=evaluation.counts(),
        failing_by_severity=evaluation.failing_by_severity(),
        failing_rules=evaluation.failing_rules(),
        nearest_due=[
            DueDate(
                due=a.due,
                rule_id=a.rule_id,
                rule_ids=list(a.rule_ids),
                kind=a.kind,
                record_id=a.record_id,
                message=a.message.get(language),
            )
            for a in client.alerts[:NEAREST]
        ],
    )


@router.get(
    "/v1/service-firms/{organization_id}/clients",
    summary="The firm's clients and their compliance",
    description="Every enterprise with a contract of the firm in force today, with its "
    "compliance standing on `as_of` (default today), counts by status, failing rules and "
    f"its {NEAREST} nearest due dates within `within_days` (default 90; alerts of the kinds "
    "its contracts cover). `sort=risk` (default): failing before unknown before passing, "
    "then by failing critical, major and minor rules; `sort=name`. Judged in bulk, "
    "cursor-paginated.",
    responses=problem_responses(401, 403, 404, 422),
)
def list_clients(
    principal: FirmReader,
    session: DbSession,
    sort: portfolio.SortOrder = "risk",
    as_of: Day | None = None,
    within_days: WithinDays = 90,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
    accept_language: AcceptLanguage = None,
) -> Page[ClientEnterpriseOut]:
    language, today = negotiate(accept_language), clock.today()
    ordering = f"clients:{sort}"
    width = 2 if sort == "name" else 6
    after = decode_cursor(ordering, cursor, width) if cursor is not None else None

    found = portfolio.clients(
        session,
        principal.organization_id,
        today,
        as_of or today,
        within_days,
    )
    ranked = sorted(found, key=lambda c: c.sort_key(sort))
    if after is not None:
        ranked = [c for c in ranked if c.sort_key(sort) > after]
    page = ranked[:limit]
    next_cursor = encode_cursor(ordering, page[-1].sort_key(sort)) if len(ranked) > limit else None
    return Page(data=[_client_out(c, language) for c in page], next_cursor=next_cursor)


@router.get(
    "/v1/service-firms/{organization_id}/alerts",
    summary="Alerts across the firm's clients",
    description="What falls due within `within_days` (default 30) at every client under a "
    "contract in force, soonest first, each with its enterprise — only alerts of the record "
    "kinds the firm's contracts with that client cover.",
    responses=problem_responses(401, 403, 404, 422),
)
def client_alerts(
    principal: FirmReader,
    session: DbSession,
    within_days: WithinDays = 30,
    accept_language: AcceptLanguage = None,
) -> Page[ClientAlertOut]:
    language, today = negotiate(accept_language), clock.today()

    found = portfolio.clients(session, principal.organization_id, today, today, within_days)
    merged = [
        ClientAlertOut(
            enterprise_id=c.enterprise.id,
            enterprise_name=c.name,
            due=a.due,
            rule_id=a.rule_id,
            rule_ids=list(a.rule_ids),
            kind=a.kind,
            record_id=a.record_id,
            person_id=a.person_id,
            message=a.message.get(language),
        )
        for c in found
        for a in c.alerts
    ]
    shown = sorted(merged, key=lambda a: (a.due, a.enterprise_name, a.rule_id))
    return Page(data=shown, next_cursor=None)
