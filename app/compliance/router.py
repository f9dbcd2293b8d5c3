"""`/v1/enterprises/{id}/compliance` and the rule catalogue `/v1/compliance/packs`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Header, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from app.compliance import export, snapshots
from app.compliance.alerts import alerts
from app.compliance.engine import evaluate, stack_of
from app.compliance.errors import UNKNOWN_PACK
from app.compliance.facts import load_facts
from app.compliance.language import negotiate
from app.compliance.models import ComplianceSnapshot
from app.compliance.pack_query import PackQuery, chosen
from app.compliance.packs import PACKS, pack_or_404
from app.compliance.report import report_out
from app.compliance.schemas import (
    AlertOut,
    FindingOut,
    PackOut,
    PackRef,
    ReportOut,
    RuleOut,
    SnapshotIn,
    SnapshotOut,
    Summary,
)
from app.compliance.trace import parameter_out
from app.core import clock
from app.core.dates import Day
from app.core.errors import NOT_FOUND, problem_responses
from app.core.html_pages import page_headers
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.enterprises import service as enterprises
from app.identity.auth import CurrentPrincipal, EnterpriseRead, EnterpriseWrite
from app.identity.errors import MISSING_CAPABILITY

router = api_router(tags=["compliance"])
AcceptLanguage = Annotated[str | None, Header(description="zh-CN (default) or en.")]


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance",
    summary="Compliance report",
    description=(
        "Every rule of every pack in the enterprise's stack (national law, the province's "
        "and the district's, each where its jurisdiction covers the enterprise and its period "
        "covers the date; or `pack` alone) evaluated on `as_of` (default today), using only "
        "what had happened by then. `duties` shows each duty once, with the rules of every "
        "layer on it and the strictest finding deciding; `layers` names the levels of the "
        "enterprise's region and which have no pack. Each finding has: status pass, fail, "
        "not_applicable or unknown (data missing — the message says what to record), the "
        "severity of the branch that decided, the evidence, a message in the caller's "
        "language (Accept-Language: zh-CN default, en), remediation, a due date where one "
        "applies, its citation, and the trace: the branch, each legal value used with its "
        "dates and source, and the records used with their dates. The report names its "
        "evaluation and the date until which it is stable."
    ),
    responses=problem_responses(401, 404, UNKNOWN_PACK, 422),
)
def compliance_report(
    access: EnterpriseRead,
    session: DbSession,
    as_of: Day | None = None,
    pack: PackQuery = None,
    accept_language: AcceptLanguage = None,
) -> ReportOut:
    alone, language = chosen(pack), negotiate(accept_language)
    profile = enterprises.get(session, access.enterprise)
    evaluation = evaluate(session, profile, as_of or clock.today(), alone)
    return report_out(evaluation, profile.id, language)


class CSVResponse(Response):
    media_type = "text/csv"  # Starlette adds "; charset=utf-8"


def _printable(
    access: EnterpriseRead, session: DbSession, as_of: date | None, pack: str | None, language: str
) -> tuple[ReportOut, export.Subject]:
    """The JSON report and what a printed one adds: the enterprise's name."""
    alone = chosen(pack)
    profile = enterprises.get(session, access.enterprise)
    report = report_out(
        evaluate(session, profile, as_of or clock.today(), alone), profile.id, language
    )
    return report, export.Subject(profile.organization.name, profile.credit_code)


_EXPORT_DESCRIPTION = (
    " The same findings as `GET …/compliance`, with the same `as_of`, `pack` and "
    "Accept-Language (zh-CN default, en); each cites its article of the pack's document "
    "(惠政文〔2014〕53号第N条)."
)


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance/report.csv",
    summary="Compliance report as CSV",
    description="The compliance report as a spreadsheet: UTF-8 with a byte-order mark (Excel "
    "shows Chinese correctly), a header row, one row per rule with status, severity, message, "
    "evidence, due date and remediation, and the enterprise, date and pack on every row."
    + _EXPORT_DESCRIPTION,
    response_class=CSVResponse,
    responses={
        200: {
            "content": {"text/csv": {}},
            "description": "The report, as an attachment",
            "headers": {
                "Content-Disposition": {
                    "description": "attachment; an ASCII filename and the enterprise's own "
                    "(filename*)",
                    "schema": {"type": "string"},
                }
            },
        },
        **problem_responses(401, 404, UNKNOWN_PACK, 422),
    },
)
def compliance_report_csv(
    access: EnterpriseRead,
    session: DbSession,
    as_of: Day | None = None,
    pack: PackQuery = None,
    accept_language: AcceptLanguage = None,
) -> CSVResponse:
    report, subject = _printable(access, session, as_of, pack, negotiate(accept_language))
    return CSVResponse(
        export.report_csv(report, subject),
        headers={"Content-Disposition": export.content_disposition(report, subject, "csv")},
    )


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance/report.html",
    summary="Compliance report as a printable page",
    description="The compliance report as one self-contained HTML page (inline CSS for A4 "
    "printing, no script, no external resource) to hand to management: the enterprise's name "
    "and credit code, the date, the pack and its version, the summary and every finding."
    + _EXPORT_DESCRIPTION,
    response_class=HTMLResponse,
    responses={
        200: {"content": {"text/html": {}}, "description": "The printable report"},
        **problem_responses(401, 404, UNKNOWN_PACK, 422),
    },
)
def compliance_report_html(
    access: EnterpriseRead,
    session: DbSession,
    as_of: Day | None = None,
    pack: PackQuery = None,
    accept_language: AcceptLanguage = None,
) -> HTMLResponse:
    language = negotiate(accept_language)
    report, subject = _printable(access, session, as_of, pack, language)
    return HTMLResponse(
        export.report_html(report, subject),
        headers=page_headers("en" if language == "en" else "zh-CN"),
    )


def _snapshot_out(snapshot: ComplianceSnapshot, language: str | None) -> SnapshotOut:
    findings = (
        [FindingOut.model_validate(f) for f in snapshots.findings(snapshot, language)]
        if language is not None
        else None
    )
    return SnapshotOut(
        id=snapshot.id,
        evaluation_id=snapshots.evaluation_id(snapshot),
        packs=[PackRef.model_validate(p) for p in snapshots.packs(snapshot)],
        as_of=snapshot.as_of,
        taken_at=snapshot.taken_at,
        taken_by=snapshot.taken_by,
        summary=Summary.model_validate(snapshots.summary(snapshot)),
        findings=findings,
    )


@router.post(
    "/v1/enterprises/{enterprise_id}/compliance/snapshots",
    status_code=201,
    summary="Store a compliance report",
    description="Evaluates the enterprise's stack (or `pack` alone) on `as_of` and keeps the "
    "report, so the enterprise and its "
    "regulator can follow progress. Editors and admins.",
    responses=problem_responses(401, MISSING_CAPABILITY, 404, UNKNOWN_PACK, 422),
)
def take_snapshot(
    access: EnterpriseWrite,
    request: Request,
    session: DbSession,
    response: Response,
    data: SnapshotIn | None = None,
    accept_language: AcceptLanguage = None,
) -> SnapshotOut:
    data = data or SnapshotIn()  # every field has a default: no body means today's report
    profile = enterprises.get(session, access.enterprise)
    evaluation = evaluate(session, profile, data.as_of or clock.today(), chosen(data.pack))
    snapshot = snapshots.take(
        session,
        evaluation,
        profile.id,
        access.principal,
        request_id_of(request),
    )
    response.headers["Location"] = (
        f"/v1/enterprises/{profile.id}/compliance/snapshots/{snapshot.id}"
    )
    return _snapshot_out(snapshot, negotiate(accept_language))


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance/snapshots",
    summary="Stored compliance reports",
    description="The enterprise's snapshots, oldest first, with their summaries: its progress.",
    responses=problem_responses(401, 404, 422),
)
def list_snapshots(
    access: EnterpriseRead,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[SnapshotOut]:
    rows, next_cursor = paginate(
        session,
        snapshots.statement(access.enterprise.id),
        keys=[ComplianceSnapshot.id],
        limit=limit,
        cursor=cursor,
    )
    return Page(data=[_snapshot_out(s, None) for s in rows], next_cursor=next_cursor)


@router.get(
    "/v1/enterprises/{enterprise_id}/compliance/snapshots/{snapshot_id}",
    summary="One stored compliance report",
    description="The report as it was stored, with its findings in the caller's language.",
    responses=problem_responses(401, 404, 422),
)
def get_snapshot(
    snapshot_id: Annotated[str, Path(pattern=id_pattern("csn"))],
    access: EnterpriseRead,
    session: DbSession,
    accept_language: AcceptLanguage = None,
) -> SnapshotOut:
    snapshot = session.get(ComplianceSnapshot, snapshot_id)
    if snapshot is None or snapshot.enterprise_id != access.enterprise.id:
        raise NOT_FOUND.problem(f"No snapshot {snapshot_id} in this enterprise.")
    return _snapshot_out(snapshot, negotiate(accept_language))


@router.get(
    "/v1/enterprises/{enterprise_id}/alerts",
    summary="What falls due soon",
    description="What is already overdue (`overdue: true`, listed first), then everything "
    "that expires or falls due from `as_of` (default today) within `within_days` (default "
    "90): certificates and their reviews, registrations, assessment certificates, "
    "hidden-danger deadlines and reports, verifications of fixes, filings, periodic exams, "
    "annual and managers' training, the yearly commitment and the monthly analysis — each "
    "with the rule it would break. These are the rules' own declared deadlines.",
    responses=problem_responses(401, 404, 422),
)
def enterprise_alerts(
    access: EnterpriseRead,
    session: DbSession,
    as_of: Day | None = None,
    within_days: Annotated[int, Query(ge=1, le=730)] = 90,
    accept_language: AcceptLanguage = None,
) -> Page[AlertOut]:
    language, day = negotiate(accept_language), as_of or clock.today()
    profile = enterprises.get(session, access.enterprise)
    facts = load_facts(session, profile, day)
    shown = [
        AlertOut(
            due=a.due,
            rule_id=a.rule_id,
            rule_ids=list(a.rule_ids),
            kind=a.kind,
            record_id=a.record_id,
            person_id=a.person_id,
            message=a.message.get(language),
            overdue=a.overdue,
        )
        for a in alerts(facts, within_days, stack_of(profile, day))
    ]
    return Page(data=shown, next_cursor=None)


@router.get(
    "/v1/compliance/packs",
    summary="Rule packs",
    description="The rule packs the engine applies, national law first: each with its "
    "jurisdiction (a division code: the pack applies to enterprises in that region's "
    "subtree), its period and the duties its rules govern. An enterprise's report applies "
    "every pack whose jurisdiction and period cover it.",
    responses=problem_responses(401, 422),
)
def list_packs(
    principal: CurrentPrincipal, accept_language: AcceptLanguage = None
) -> Page[PackOut]:
    language = negotiate(accept_language)
    packs = [
        PackOut(
            id=p.id,
            version=p.version,
            title=p.title.get(language),
            document=p.document,
            jurisdiction=p.jurisdiction,
            effective_from=p.effective_from,
            effective_to=p.effective_to,
            rule_count=len(p.rules),
            duties=[d.key for d in p.duties()],
        )
        for p in PACKS.values()
    ]
    return Page(data=packs, next_cursor=None)


@router.get(
    "/v1/compliance/packs/{pack_id}/rules",
    summary="Rules of a pack",
    description="Each rule's id, article, title, applicability, remediation and severity, "
    "and the legal values it reads: every value over time with its effective dates, source "
    "(document and article) and whether it is provisional.",
    responses=problem_responses(401, 404, UNKNOWN_PACK, 422),
)
def list_rules(
    pack_id: Annotated[str, Path(pattern=r"^[a-z0-9-]{1,40}$")],
    principal: CurrentPrincipal,
    accept_language: AcceptLanguage = None,
) -> Page[RuleOut]:
    language = negotiate(accept_language)
    rules = [
        RuleOut(
            id=r.id,
            article=r.article,
            duty=r.duty.key,
            title=r.title.get(language),
            applicability=r.applicability.get(language),
            remediation=r.remediation.get(language),
            severity=r.severity,
            parameters=[parameter_out(p) for p in r.parameters],
        )
        for r in pack_or_404(pack_id).rules
    ]
    return Page(data=rules, next_cursor=None)
