"""`/v1/blacklist/entries…`: regulators propose, publish, correct and remove listings."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Path, Query, Request, Response
from sqlalchemy.orm import Session

from app.blacklist import basis_rules, errors, reads, service
from app.blacklist.auth import KeptEntryId
from app.blacklist.catalog import EntryStatus, ProposalStatus, ReasonCategory
from app.blacklist.history import regulator_view
from app.blacklist.models import BlacklistEntry, BlacklistEntryEvent, BlacklistProposal
from app.blacklist.schemas import (
    CorrectionIn,
    DecisionIn,
    EntryEventOut,
    EntryIn,
    EntryOut,
    ProposalOut,
    RemovalIn,
    RestorationIn,
)
from app.core.dates import Day
from app.core.errors import INVALID_CREDIT_CODE, INVALID_CURSOR, problem_responses
from app.core.ids import id_pattern
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.core.validators.uscc import CREDIT_CODE_PATTERN
from app.identity.auth import Regulator
from app.identity.errors import MISSING_CAPABILITY, OUTSIDE_YOUR_REGION, REGULATORS_ONLY
from app.identity.principal import Principal
from app.regions.codes import RegionCodeQuery

router = api_router(prefix="/v1/blacklist/entries", tags=["blacklist"])

ProposalId = Annotated[str, Path(pattern=id_pattern("blp"), description="Proposal id (`blp_…`).")]
# Who may read the entries: a regulator's users and clients (the policy picks the region).
_READING = (401, REGULATORS_ONLY)
# Who may act on an entry (app/identity/policy.authorize_blacklist_action).
_ACTING = (*_READING, MISSING_CAPABILITY, OUTSIDE_YOUR_REGION)
# What the rules of a legal basis and the subject ask of a new listing.
_NEW_LISTING = (errors.REGION_CODE_REQUIRED, errors.INVALID_ID_NUMBER, *errors.LISTING_RULES)
# A correction proposed or approved: the listing as corrected must still fit its basis.
_CORRECTION = (
    errors.EMPTY_CORRECTION,
    errors.LISTING_MONTHS_REQUIRED,
    errors.LISTING_MONTHS_FIXED,
    errors.REASON_OUTSIDE_BASIS,
    errors.BEFORE_BASIS_IN_FORCE,
    errors.PENALTY_AFTER_LISTING,
    errors.INVALID_ID_NUMBER,
)
_REMOVAL_DATE = (errors.REMOVAL_BEFORE_EFFECT, errors.EARLY_REMOVAL_TOO_SOON)
# A change proposed: the entry in the status it needs, and no other proposal pending.
_CHANGE_PROPOSED = (errors.WRONG_ENTRY_STATUS, errors.PROPOSAL_PENDING)
_APPROVAL = (
    errors.PROPOSAL_DECIDED,
    errors.WRONG_ENTRY_STATUS,
    errors.NOT_AN_EARLY_REMOVAL,
    errors.FOUR_EYES,
)


def _out(entry: BlacklistEntry, pending: int, warnings: list[basis_rules.ScopeWarning]) -> EntryOut:
    return EntryOut.model_validate(
        {
            **regulator_view(entry),
            "pending_proposals": pending,
            "warnings": [{"code": w.code, "message": w.message} for w in warnings],
        }
    )


def _one(session: Session, entry: BlacklistEntry) -> EntryOut:
    return _out(
        entry,
        reads.pending_counts(session, [entry.id]).get(entry.id, 0),
        basis_rules.scope_warnings(session, [entry]).get(entry.id, []),
    )


def _proposal_out(proposal: BlacklistProposal) -> ProposalOut:
    changes: dict[str, Any] = json.loads(proposal.changes)
    if "responsible_people" in changes:  # sealed: show what the public would see
        changes["responsible_people"] = [
            {"role": p["role"], "name": p["name"], "id_number_masked": p.get("id_number_masked")}
            for p in json.loads(changes["responsible_people"])
        ]
    values = {c.key: getattr(proposal, c.key) for c in BlacklistProposal.__table__.columns}
    values["repair_conditions"] = basis_rules.repair_conditions_out(proposal.repair_conditions)
    return ProposalOut.model_validate({**values, "changes": changes})


def _note(data: DecisionIn | None) -> str | None:
    """A decision's body is optional: no body, `{}` and `{"note": null}` say the same."""
    return None if data is None else data.note


def _propose_change(
    entry_id: str,
    data: service.ChangeIn,
    principal: Principal,
    request: Request,
    session: Session,
    response: Response,
) -> ProposalOut:
    """The three kinds of change share one path: the body says which it is."""
    proposal = service.propose_change(
        session, principal, entry_id, data, request.app.state.cipher, request_id_of(request)
    )
    response.headers["Location"] = f"/v1/blacklist/entries/{entry_id}/proposals/{proposal.id}"
    return _proposal_out(proposal)


@router.post(
    "",
    status_code=201,
    summary="Propose a listing",
    description="A regulator's editor, approver or admin proposes listing a subject placed in "
    "its region (a verified enterprise's own region by default; name `region_code` for a "
    "subject not on the platform). The listing period follows the legal basis; `expires_on` "
    "is computed. The entry stays `proposed`, not public, until a second person publishes it.",
    responses=problem_responses(*_ACTING, 422, INVALID_CREDIT_CODE, *_NEW_LISTING),
)
def propose(
    data: EntryIn, principal: Regulator, request: Request, session: DbSession, response: Response
) -> EntryOut:
    entry = service.propose(
        session, principal, data, request.app.state.cipher, request_id_of(request)
    )
    response.headers["Location"] = f"/v1/blacklist/entries/{entry.id}"
    return _one(session, entry)


@router.get(
    "",
    summary="List entries",
    description="Entries placed in your region, newest first is not promised: ordered by id "
    "(creation). Filter by status, region subtree, credit code or reason.",
    responses=problem_responses(*_READING, 422, INVALID_CURSOR),
)
def list_entries(
    principal: Regulator,
    session: DbSession,
    status: EntryStatus | None = None,
    region: RegionCodeQuery = None,
    credit_code: Annotated[str | None, Query(pattern=CREDIT_CODE_PATTERN)] = None,
    reason: ReasonCategory | None = None,
    effective_from_after: Day | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[EntryOut]:
    statement = reads.readable(
        principal,
        status=status,
        region=region,
        credit_code=credit_code,
        reason=reason,
        effective_from_after=effective_from_after,
    )
    rows, next_cursor = paginate(
        session, statement, keys=[BlacklistEntry.id], limit=limit, cursor=cursor
    )
    pending = reads.pending_counts(session, [e.id for e in rows])
    warnings = basis_rules.scope_warnings(session, rows)
    return Page(
        data=[_out(e, pending.get(e.id, 0), warnings.get(e.id, [])) for e in rows],
        next_cursor=next_cursor,
    )


@router.get(
    "/{entry_id}",
    summary="Get an entry",
    description="The entry as its keepers see it (ID numbers masked).",
    responses=problem_responses(*_READING, 404, 422),
)
def get_entry(entry_id: KeptEntryId, principal: Regulator, session: DbSession) -> EntryOut:
    return _one(session, reads.visible_entry(session, principal, entry_id))


@router.post(
    "/{entry_id}/publish",
    summary="Publish a proposed listing",
    description="An approver who did not propose it publishes the entry: it becomes public, "
    "enters the change feed, and institutions' answers include it.",
    responses=problem_responses(*_ACTING, 404, errors.WRONG_ENTRY_STATUS, errors.FOUR_EYES, 422),
)
def publish(
    entry_id: KeptEntryId, principal: Regulator, request: Request, session: DbSession
) -> EntryOut:
    return _one(session, service.publish(session, principal, entry_id, request_id_of(request)))


@router.post(
    "/{entry_id}/withdraw",
    summary="Withdraw a proposed listing",
    description="Takes back a listing before it is published; it never becomes public.",
    responses=problem_responses(*_ACTING, 404, errors.WRONG_ENTRY_STATUS, 422),
)
def withdraw(
    entry_id: KeptEntryId, principal: Regulator, request: Request, session: DbSession
) -> EntryOut:
    return _one(session, service.withdraw(session, principal, entry_id, request_id_of(request)))


@router.post(
    "/{entry_id}/corrections",
    status_code=201,
    summary="Propose a correction",
    description="A published entry is never edited in place: a correction names the fields it "
    "sets and why, and takes effect as a new public version when a second person approves it.",
    responses=problem_responses(*_ACTING, 404, *_CHANGE_PROPOSED, 422, *_CORRECTION),
)
def propose_correction(
    entry_id: KeptEntryId,
    data: CorrectionIn,
    principal: Regulator,
    request: Request,
    session: DbSession,
    response: Response,
) -> ProposalOut:
    return _propose_change(entry_id, data, principal, request, session, response)


@router.post(
    "/{entry_id}/removals",
    status_code=201,
    summary="Propose a removal",
    description="Removal for credit repair (under the 2023 order, 12 months after the entry "
    "took effect at the earliest, declaring every repair condition in `repair_conditions`), "
    "expiry, correction or a court ruling, with its basis; it takes effect when a second "
    "person approves it.",
    responses=problem_responses(*_ACTING, 404, *_CHANGE_PROPOSED, 422, *errors.REMOVAL_RULES),
)
def propose_removal(
    entry_id: KeptEntryId,
    data: RemovalIn,
    principal: Regulator,
    request: Request,
    session: DbSession,
    response: Response,
) -> ProposalOut:
    return _propose_change(entry_id, data, principal, request, session, response)


@router.post(
    "/{entry_id}/restorations",
    status_code=201,
    summary="Propose restoring a listing removed early by deceit",
    description="An early removal (credit repair) obtained by concealment or fraud is revoked "
    "and the listing restored (order 11). Proposed with the finding; when a second person "
    "approves it the entry is listed again until its original `expires_on` (or, if that has "
    "passed, `expired` with the removal void), a `restored` change enters the feed and "
    "watchers are told (decision 65). Only entries `removed` for `credit_repair`.",
    responses=problem_responses(*_ACTING, 404, *_CHANGE_PROPOSED, errors.NOT_AN_EARLY_REMOVAL, 422),
)
def propose_restoration(
    entry_id: KeptEntryId,
    data: RestorationIn,
    principal: Regulator,
    request: Request,
    session: DbSession,
    response: Response,
) -> ProposalOut:
    return _propose_change(entry_id, data, principal, request, session, response)


@router.get(
    "/{entry_id}/proposals",
    summary="Proposed changes of an entry",
    description="Corrections, removals and restorations, pending and decided, oldest first.",
    responses=problem_responses(*_READING, 404, 422),
)
def list_proposals(
    entry_id: KeptEntryId, principal: Regulator, session: DbSession
) -> Page[ProposalOut]:
    entry = reads.visible_entry(session, principal, entry_id)
    rows = reads.proposals_of(session, entry)
    return Page(data=[_proposal_out(p) for p in rows], next_cursor=None)


@router.post(
    "/{entry_id}/proposals/{proposal_id}/approve",
    summary="Approve a proposed change",
    description="An approver other than its proposer applies the correction, removal or "
    "restoration: a new public version and a change in the feed.",
    responses=problem_responses(*_ACTING, 404, *_APPROVAL, 422, *_CORRECTION, *_REMOVAL_DATE),
)
def approve(
    entry_id: KeptEntryId,
    proposal_id: ProposalId,
    principal: Regulator,
    request: Request,
    session: DbSession,
    data: DecisionIn | None = None,
) -> EntryOut:
    entry = service.approve(
        session, principal, entry_id, proposal_id, _note(data), request_id_of(request)
    )
    return _one(session, entry)


def _close(
    status: ProposalStatus,
    entry_id: str,
    proposal_id: str,
    data: DecisionIn | None,
    principal: Principal,
    request: Request,
    session: Session,
) -> ProposalOut:
    closed = service.close(
        session, principal, entry_id, proposal_id, status, _note(data), request_id_of(request)
    )
    return _proposal_out(closed)


@router.post(
    "/{entry_id}/proposals/{proposal_id}/reject",
    summary="Reject a proposed change",
    description="An approver other than its proposer rejects it; the entry stays as it is.",
    responses=problem_responses(*_ACTING, 404, errors.PROPOSAL_DECIDED, errors.FOUR_EYES, 422),
)
def reject(
    entry_id: KeptEntryId,
    proposal_id: ProposalId,
    principal: Regulator,
    request: Request,
    session: DbSession,
    data: DecisionIn | None = None,
) -> ProposalOut:
    return _close(ProposalStatus.REJECTED, entry_id, proposal_id, data, principal, request, session)


@router.post(
    "/{entry_id}/proposals/{proposal_id}/withdraw",
    summary="Withdraw a proposed change",
    description="Takes back a pending correction or removal.",
    responses=problem_responses(*_ACTING, 404, errors.PROPOSAL_DECIDED, 422),
)
def withdraw_proposal(
    entry_id: KeptEntryId,
    proposal_id: ProposalId,
    principal: Regulator,
    request: Request,
    session: DbSession,
    data: DecisionIn | None = None,
) -> ProposalOut:
    return _close(
        ProposalStatus.WITHDRAWN, entry_id, proposal_id, data, principal, request, session
    )


@router.get(
    "/{entry_id}/history",
    summary="History of an entry",
    description="Every step of the entry's life, oldest first, with the state after it and, "
    "for public steps, the change-feed number.",
    responses=problem_responses(*_READING, 404, 422),
)
def history(entry_id: KeptEntryId, principal: Regulator, session: DbSession) -> Page[EntryEventOut]:
    entry = reads.visible_entry(session, principal, entry_id)
    events = reads.events_of(session, entry)
    return Page(
        data=[
            EntryEventOut.model_validate(
                {
                    **{c.key: getattr(e, c.key) for c in BlacklistEntryEvent.__table__.columns},
                    "state": json.loads(e.state),
                }
            )
            for e in events
        ],
        next_cursor=None,
    )
