"""The demo firm's contracts: it is the entrusted safety manager of a few small clients and
keeps their training records, so its portfolio and art. 17's entrusting branch show."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.contracts import service as contracts
from app.contracts.schemas import ActionIn, ContractIn, EngineerIn
from app.core import clock
from app.identity.models import Organization, User
from app.identity.principal import Principal
from app.identity.tokens import user_principal

SCOPE = ["people", "training-sessions", "training-attendances", "safety-commitments"]
ENGINEER = EngineerIn(name="李静", registration_number="ZAQ20190012345")


def sign_demo_contracts(
    session: Session, firm: Principal, clients: list[tuple[Organization, str]]
) -> None:
    """Propose and accept, for each (enterprise, admin email), an entrusting contract for
    the current calendar year."""
    year = clock.today().year
    for enterprise, admin_email in clients:
        contract = contracts.propose(
            session,
            firm,
            firm.organization_id,
            ContractIn(
                enterprise_id=enterprise.id,
                scope=SCOPE,
                entrusted_safety_manager=True,
                valid_from=date(year, 1, 1),
                valid_to=date(year, 12, 31),
                responsible_engineer=ENGINEER,
                note=f"委托安全生产管理服务（{year}年度）",
            ),
            None,
        )
        user = session.scalars(select(User).where(User.email == admin_email)).one()
        admin = user_principal(user, enterprise, None)
        contracts.act(session, admin, contract.id, "accept", ActionIn(), None)
