"""The demo's blacklist: a few listings published by the district's regulator and its
approver (two people, as the four-eyes rule wants), so a bank can try lookups at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist import service
from app.blacklist.catalog import LegalBasis, ReasonCategory, RemovalReason, ResponsibleRole
from app.blacklist.schemas import EntryIn, PenaltyDecisionIn, RemovalIn, ResponsiblePersonIn
from app.core.crypto import PersonalDataCipher
from app.enterprises.models import Enterprise
from app.identity.models import Organization, User
from app.identity.principal import Principal
from app.identity.tokens import user_principal

PROPOSER, APPROVER = "regulator@huiji.demo", "approver@huiji.demo"
LISTED_ENTERPRISE = "河南豫北化工有限公司"


def _principal(session: Session, email: str) -> Principal:
    user = session.scalars(select(User).where(User.email == email)).one()
    return user_principal(user, session.get_one(Organization, user.organization_id), None)


def list_demo_entries(session: Session, cipher: PersonalDataCipher) -> list[str]:
    """Publish the demo's listings; returns the credit codes listed."""
    proposer, approver = _principal(session, PROPOSER), _principal(session, APPROVER)
    chemical = session.scalars(
        select(Enterprise)
        .join(Enterprise.organization)
        .where(Organization.name == LISTED_ENTERPRISE)
    ).one()
    listings = (
        EntryIn(
            credit_code=chemical.credit_code,
            subject_name=LISTED_ENTERPRISE,
            legal_representative=chemical.legal_representative,
            reason=ReasonCategory.MAJOR_HIDDEN_DANGER_UNREMEDIED,
            legal_basis=LegalBasis.MEM_2023,
            facts="液氯储罐区重大事故隐患经责令限期整改，逾期未整改。",
            deciding_authority="惠济区应急管理局",
            decision_number="惠应急失信〔2026〕3号",
            penalty_decision=PenaltyDecisionIn(
                number="（惠）应急罚〔2026〕21号",
                decided_on=date(2026, 2, 10),
                authority="惠济区应急管理局",
            ),
            effective_from=date(2026, 3, 1),
            responsible_people=[
                ResponsiblePersonIn(
                    role=ResponsibleRole.PRINCIPAL, name=chemical.principal_person or "李明"
                )
            ],
        ),
        EntryIn(
            credit_code="91410108MA9X8TQM1U",
            subject_name="郑州花园口烟花爆竹经营部",
            legal_representative="王五",
            region_code="410108100",
            reason=ReasonCategory.OPERATING_WITHOUT_PERMIT,
            legal_basis=LegalBasis.NATIONAL_2017,
            facts="未取得烟花爆竹经营许可证擅自储存、销售烟花爆竹。",
            deciding_authority="惠济区应急管理局",
            decision_number="惠应急失信〔2026〕7号",
            effective_from=date(2026, 9, 1),
        ),
    )
    codes = []
    for data in listings:
        entry = service.propose(session, proposer, data, cipher, None)
        service.publish(session, approver, entry.id, None)
        codes.append(entry.credit_code)
    # One listed and later removed by a court ruling: still visible to `as_of` questions.
    removed = service.propose(
        session,
        proposer,
        EntryIn(
            credit_code="91410108MA47XK2P2C",
            subject_name="郑州古荥建材有限公司",
            legal_representative="赵六",
            region_code="410108101",
            reason=ReasonCategory.OPERATING_AFTER_STOP_ORDER,
            legal_basis=LegalBasis.MEM_2023,
            facts="责令停产整顿期间擅自组织生产。",
            deciding_authority="惠济区应急管理局",
            decision_number="惠应急失信〔2025〕12号",
            penalty_decision=PenaltyDecisionIn(
                number="（惠）应急罚〔2025〕40号",
                decided_on=date(2025, 10, 20),
                authority="惠济区应急管理局",
            ),
            effective_from=date(2025, 11, 1),
        ),
        cipher,
        None,
    )
    service.publish(session, approver, removed.id, None)
    proposal = service.propose_change(
        session,
        proposer,
        removed.id,
        RemovalIn(
            reason=RemovalReason.COURT_RULING,
            basis="（2026）豫0108行初5号判决撤销",
            removed_on=date(2026, 4, 1),
        ),
        cipher,
        None,
    )
    service.approve(session, approver, removed.id, proposal.id, "依判决移出", None)
    codes.append(removed.credit_code)
    return codes
