"""Corrections and removals of published entries, and restorations of entries removed early
by deceit: proposed by one regulator member, approved (or rejected) by another — DESIGN §9's
four eyes for every change the public sees."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist import basis_rules
from app.blacklist.catalog import (
    BASES,
    EntryStatus,
    LegalBasis,
    ProposalKind,
    ProposalStatus,
    ReasonCategory,
    RemovalReason,
)
from app.blacklist.lifecycle import (
    audit_entry,
    last_day_listed,
    listing_months,
    publicize,
    require_second_person,
    require_status,
    sealed_people,
)
from app.blacklist.models import BlacklistEntry, BlacklistProposal
from app.blacklist.names import name_key
from app.blacklist.schemas import CorrectionIn, PenaltyDecisionIn, RemovalIn, RestorationIn
from app.blacklist.state import record_event
from app.core import clock
from app.core.calendar import add_months
from app.core.crypto import PersonalDataCipher
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.ids import new_id
from app.identity import policy
from app.identity.principal import Principal
from app.identity.roles import Capability

_CORRECTABLE = (
    "subject_name",
    "legal_representative",
    "reason",
    "facts",
    "deciding_authority",
    "decision_number",
    "penalty_decision",
    "effective_from",
    "listing_months",
    "responsible_people",
)


def _no_other_pending(session: Session, entry: BlacklistEntry) -> None:
    pending = session.scalar(
        select(BlacklistProposal.id).where(
            BlacklistProposal.entry_id == entry.id,
            BlacklistProposal.status == ProposalStatus.PENDING.value,
        )
    )
    if pending is not None:
        raise Conflict(
            f"Proposal {pending} for this entry is still pending; decide or withdraw it first.",
            code="proposal_pending",
        )


def _new_proposal(
    session: Session, principal: Principal, entry: BlacklistEntry, kind: ProposalKind, **values: Any
) -> BlacklistProposal:
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_PROPOSE)
    _require_status_for(entry, kind)
    _no_other_pending(session, entry)
    proposal = BlacklistProposal(
        id=new_id("blp"),
        entry_id=entry.id,
        kind=kind.value,
        status=ProposalStatus.PENDING.value,
        proposed_by=principal.id,
        proposed_at=clock.now(),
        **values,
    )
    session.add(proposal)
    session.flush()
    record_event(
        session, entry, f"{kind.value}_proposed", actor_id=principal.id, proposal_id=proposal.id
    )
    return proposal


def _require_status_for(entry: BlacklistEntry, kind: ProposalKind | str) -> None:
    if kind == ProposalKind.RESTORATION.value:
        _restorable(entry)
    else:
        require_status(entry, EntryStatus.PUBLISHED)


def _restorable(entry: BlacklistEntry) -> None:
    """Only an early removal (credit repair) can be revoked for deceit (order 11)."""
    require_status(entry, EntryStatus.REMOVED)
    if entry.removal_reason != RemovalReason.CREDIT_REPAIR.value:
        raise Conflict(
            f"Entry {entry.id} was removed for {entry.removal_reason}, not by an early removal "
            "(credit_repair): there is no early removal to revoke.",
            code="not_an_early_removal",
        )


def _check_corrected(entry: BlacklistEntry, changes: dict[str, Any]) -> None:
    """The entry as the correction would leave it must still fit its basis."""
    basis = LegalBasis(entry.legal_basis)
    effective_from = (
        date.fromisoformat(changes["effective_from"])
        if "effective_from" in changes
        else entry.effective_from
    )
    penalty = (
        PenaltyDecisionIn.model_validate(changes["penalty_decision"])
        if "penalty_decision" in changes
        else basis_rules.penalty_of(entry)
    )
    reason = ReasonCategory(changes.get("reason", entry.reason))
    if "reason" in changes:
        basis_rules.check_reason(basis, reason, "body.reason")
    if "effective_from" in changes:
        basis_rules.check_start(basis, effective_from, "body.effective_from")
    # A correction may leave an older listing without a penalty decision, never a date after
    # the listing start.
    if penalty is not None:
        basis_rules.check_penalty(basis, penalty, effective_from, "body.penalty_decision")


def propose_correction(
    session: Session,
    principal: Principal,
    entry: BlacklistEntry,
    data: CorrectionIn,
    cipher: PersonalDataCipher,
    request_id: str | None,
) -> BlacklistProposal:
    changes = data.model_dump(mode="json", include=set(_CORRECTABLE), exclude_none=True)
    if not changes:
        raise Unprocessable(
            "A correction must change at least one field.",
            code="empty_correction",
            errors=[FieldError(field="body", message="no field to correct", code="empty")],
        )
    if data.listing_months is not None:
        listing_months(LegalBasis(entry.legal_basis), data.listing_months, "body.listing_months")
    _check_corrected(entry, changes)
    if data.responsible_people is not None:
        # Sealed now: the proposal must not hold plaintext ID numbers while it waits.
        changes["responsible_people"] = sealed_people(
            data.responsible_people, cipher, "body.responsible_people"
        )
    proposal = _new_proposal(
        session,
        principal,
        entry,
        ProposalKind.CORRECTION,
        changes=json.dumps(changes, ensure_ascii=False),
        reason=data.reason_for_correction,
    )
    audit_entry(session, principal, entry, "blacklist.propose_correction", request_id)
    return proposal


def propose_removal(
    session: Session,
    principal: Principal,
    entry: BlacklistEntry,
    data: RemovalIn,
    request_id: str | None,
) -> BlacklistProposal:
    if data.removed_on is not None:
        _check_removal_date(entry, data.reason, data.removed_on)
    elif data.reason is RemovalReason.CREDIT_REPAIR:
        # Undated, it takes effect on approval: today is the earliest it could.
        _check_removal_date(entry, data.reason, clock.today())
    conditions = basis_rules.repair_conditions_json(
        LegalBasis(entry.legal_basis), data.reason, data.repair_conditions
    )
    proposal = _new_proposal(
        session,
        principal,
        entry,
        ProposalKind.REMOVAL,
        changes="{}",
        reason=data.basis,
        removal_reason=data.reason.value,
        removed_on=data.removed_on,
        repair_conditions=conditions,
    )
    audit_entry(session, principal, entry, "blacklist.propose_removal", request_id)
    return proposal


def propose_restoration(
    session: Session,
    principal: Principal,
    entry: BlacklistEntry,
    data: RestorationIn,
    request_id: str | None,
) -> BlacklistProposal:
    """Revoke an early removal obtained by concealment or fraud: once approved, the entry is
    listed again until its original end (decision 65)."""
    proposal = _new_proposal(
        session,
        principal,
        entry,
        ProposalKind.RESTORATION,
        changes="{}",
        reason=data.basis,
        deceit=data.deceit.value,
    )
    audit_entry(session, principal, entry, "blacklist.propose_restoration", request_id)
    return proposal


def _check_removal_date(entry: BlacklistEntry, reason: RemovalReason, removed_on: date) -> None:
    if removed_on < entry.effective_from:
        raise Unprocessable(
            "An entry cannot be removed before it took effect.",
            code="removal_before_effect",
            errors=[
                FieldError(
                    field="body.removed_on", message="before effective_from", code="too_early"
                )
            ],
        )
    wait = BASES[LegalBasis(entry.legal_basis)].early_removal_after_months
    if reason is RemovalReason.CREDIT_REPAIR and wait is not None:
        earliest = add_months(entry.effective_from, wait)
        if removed_on < earliest:
            raise Unprocessable(
                f"Under {entry.legal_basis}, credit repair can remove an entry from {earliest} on "
                f"({wait} months after it took effect).",
                code="early_removal_too_soon",
                errors=[
                    FieldError(
                        field="body.removed_on", message=f"before {earliest}", code="too_early"
                    )
                ],
            )


def proposal_of(session: Session, entry: BlacklistEntry, proposal_id: str) -> BlacklistProposal:
    proposal = session.get(BlacklistProposal, proposal_id)
    if proposal is None or proposal.entry_id != entry.id:
        raise NotFound(f"No proposal {proposal_id} for entry {entry.id}.")
    return proposal


def _pending(proposal: BlacklistProposal) -> None:
    if proposal.status != ProposalStatus.PENDING.value:
        raise Conflict(f"Proposal {proposal.id} is {proposal.status}.", code="proposal_decided")


def approve(
    session: Session,
    principal: Principal,
    entry: BlacklistEntry,
    proposal: BlacklistProposal,
    note: str | None,
    request_id: str | None,
) -> BlacklistEntry:
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_APPROVE)
    _pending(proposal)
    _require_status_for(entry, proposal.kind)
    require_second_person(principal, proposal.proposed_by, proposal.kind)
    event_type = None
    if proposal.kind == ProposalKind.CORRECTION.value:
        changes = json.loads(proposal.changes)
        _check_corrected(entry, changes)
        _apply_correction(entry, changes)
        action = "corrected"
    elif proposal.kind == ProposalKind.RESTORATION.value:
        event_type = _restore(entry)
        action = "restored"
    else:
        removed_on = proposal.removed_on or clock.today()
        _check_removal_date(entry, RemovalReason(str(proposal.removal_reason)), removed_on)
        entry.status = EntryStatus.REMOVED.value
        entry.removed_on = removed_on
        entry.removal_reason = proposal.removal_reason
        entry.removal_basis = proposal.reason
        entry.repair_conditions = proposal.repair_conditions
        action = "removed"
    now = clock.now()
    entry.public_version += 1
    entry.updated_at = now
    proposal.status = ProposalStatus.APPROVED.value
    proposal.decided_by, proposal.decided_at, proposal.decision_note = principal.id, now, note
    session.flush()
    seq = publicize(session, entry, action, event_type)
    record_event(
        session,
        entry,
        action,
        actor_id=principal.id,
        note=note,
        proposal_id=proposal.id,
        change_seq=seq,
    )
    audit_entry(session, principal, entry, f"blacklist.{action}", request_id)
    return entry


def _restore(entry: BlacklistEntry) -> str:
    """The early removal undone: the entry is listed as if never removed, to its original
    end (`expires_on` never moved). Where that end has passed meanwhile, the listing ran its
    course: the entry is `expired` at once, and answers `as_of` a day between the removal
    and the end now say listed (decision 65). Returns the webhook event type: the state the
    entry is left in, so every subscriber to listings or expiries hears of it."""
    entry.removed_on = None
    entry.removal_reason = None
    entry.removal_basis = None
    entry.repair_conditions = None  # relied on deceit; the history keeps what was declared
    if entry.expires_on < clock.today():
        entry.status = EntryStatus.EXPIRED.value
        return "expired"
    entry.status = EntryStatus.PUBLISHED.value
    return "published"


def _apply_correction(entry: BlacklistEntry, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field == "effective_from":
            entry.effective_from = date.fromisoformat(value)
        elif field == "penalty_decision":
            basis_rules.set_penalty(entry, PenaltyDecisionIn.model_validate(value))
        else:
            setattr(entry, field, value)
    entry.name_key = name_key(entry.subject_name)
    entry.expires_on = last_day_listed(entry.effective_from, entry.listing_months)


def close(
    session: Session,
    principal: Principal,
    entry: BlacklistEntry,
    proposal: BlacklistProposal,
    status: ProposalStatus,
    note: str | None,
    request_id: str | None,
) -> BlacklistProposal:
    """Reject (an approver, not the proposer) or withdraw (anyone who may propose) a pending
    proposal; the entry stays as it is."""
    capability = (
        Capability.BLACKLIST_APPROVE
        if status is ProposalStatus.REJECTED
        else Capability.BLACKLIST_PROPOSE
    )
    policy.authorize_blacklist_action(principal, entry.region_code, capability)
    _pending(proposal)
    if status is ProposalStatus.REJECTED:
        require_second_person(principal, proposal.proposed_by, proposal.kind)
    proposal.status = status.value
    proposal.decided_by, proposal.decided_at, proposal.decision_note = (
        principal.id,
        clock.now(),
        note,
    )
    session.flush()
    record_event(
        session,
        entry,
        f"{proposal.kind}_{status.value}",
        actor_id=principal.id,
        note=note,
        proposal_id=proposal.id,
    )
    audit_entry(session, principal, entry, f"blacklist.{proposal.kind}_{status.value}", request_id)
    return proposal
