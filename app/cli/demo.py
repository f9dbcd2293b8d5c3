"""`anxin demo`: a realistic demo district — regulators, a bank, an insurer, a service firm and a
dozen enterprises in Huiji District — built through the same services the API uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli.demo_contracts import sign_demo_contracts
from app.core.validators import organization_code_check_character, uscc_check_character
from app.enterprises import service as enterprises
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.enterprises.schemas import EnterpriseSignup, SignupAdmin
from app.identity.bootstrap import bootstrap_platform
from app.identity.models import Organization, User
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind, Role
from app.identity.schemas import MachineClientIn, OrganizationIn
from app.identity.service import RequestContext, create_client, create_organization, new_user
from app.identity.tokens import user_principal

DISTRICT_REGULATOR = "惠济区应急管理局"
TOWN_REGULATOR = "花园口镇安全生产监督管理办公室"
BANK = "中国工商银行郑州惠济支行"
INSURER = "中国人民财产保险郑州市分公司"
SERVICE_FIRM = "郑州安信安全技术服务有限公司"
# Every demo login is at a .demo address; this one is the mark of a loaded demo.
DEMO_MARK = "regulator@huiji.demo"


class DemoNotLoadable(ValueError):
    """The database already holds the demo, or something the demo would create again."""


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    town: str
    industry_code: str
    employees: int
    high_risk: str | None = None
    designated_size: str = "below"
    sme_class: str = "small"
    hazard_trade: bool = False
    verified: bool = True


ENTERPRISES = (
    DemoEnterprise(
        "郑州惠济建筑工程有限公司", "410108001", "E4710", 420, "construction", "above", "medium"
    ),
    DemoEnterprise(
        "河南豫北化工有限公司", "410108101", "C2614", 180, "hazardous_chemicals", "above", "medium"
    ),
    DemoEnterprise(
        "惠济区花园口烟花爆竹批发部", "410108100", "F5149", 12, "fireworks", "below", "micro"
    ),
    DemoEnterprise(
        "郑州古荥家具制造有限公司", "410108101", "C2110", 85, None, "above", "small", True
    ),
    DemoEnterprise(
        "郑州花园口装饰材料有限公司", "410108100", "C3032", 60, None, "below", "small", True
    ),
    DemoEnterprise("惠济区磨料磨具厂", "410108002", "C3099", 40, None, "below", "small", True),
    DemoEnterprise(
        "郑州长兴机械加工有限公司", "410108004", "C3484", 150, None, "above", "medium", True
    ),
    DemoEnterprise("郑州惠济冷冻食品有限公司", "410108005", "C1361", 95, None, "above", "small"),
    DemoEnterprise(
        "惠济道路运输有限公司", "410108006", "G5430", 320, "road_transport", "above", "large"
    ),
    DemoEnterprise("郑州大河路餐饮管理有限公司", "410108006", "H6210", 45, None, "below", "small"),
    DemoEnterprise(
        "郑州迎宾路超市有限公司", "410108005", "F5212", 30, None, "below", "micro", False, False
    ),
    DemoEnterprise(
        "郑州新城有色金属冶炼有限公司",
        "410108001",
        "C3216",
        260,
        "metal_smelting",
        "above",
        "medium",
        False,
        False,
    ),
)


@dataclass
class Credential:
    who: str
    login: str
    secret: str


def demo_credit_code(index: int) -> str:
    """A credit code that passes GB 32100's checks, registered in Huiji District (410108)."""
    body = f"{71_000_000 + index * 1_234_567:08d}"[:8]
    first17 = "91410108" + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


def _in_the_way(session: Session) -> list[str]:
    """What the demo would duplicate: organizations with a demo organization's or
    enterprise's name, verified enterprises with a demo credit code, users at .demo
    addresses. A second 惠济区应急管理局 over the same district would split every regional
    view, and demo logins (with their public password) in someone's own organizations would
    be a way in: so the demo loads only where none of these are (decision 82)."""
    names = {DISTRICT_REGULATOR, TOWN_REGULATOR, BANK, INSURER, SERVICE_FIRM}
    names |= {spec.name for spec in ENTERPRISES}
    blocking = [
        f"organization {o.name} ({o.id}, {o.kind}"
        + (f", region {o.region_code})" if o.region_code else ")")
        for o in session.scalars(
            select(Organization).where(Organization.name.in_(names)).order_by(Organization.id)
        )
    ]
    codes = [demo_credit_code(index) for index in range(1, len(ENTERPRISES) + 1)]
    blocking += [
        f"verified enterprise {code} ({enterprise_id})"
        for enterprise_id, code in session.execute(
            select(Enterprise.id, Enterprise.credit_code)
            .where(
                Enterprise.credit_code.in_(codes),
                Enterprise.verification_status == VerificationStatus.VERIFIED.value,
            )
            .order_by(Enterprise.id)
        ).all()
    ]
    blocking += [
        f"user {email}"
        for email in session.scalars(
            select(User.email).where(User.email.like("%.demo")).order_by(User.email)
        )
    ]
    return blocking


def load_demo(session: Session, password: str) -> list[Credential]:
    """Create the demo; refuses (DemoNotLoadable) when it is already there, or when the
    database holds something the demo would create again."""
    if session.scalar(select(User.id).where(User.email == DEMO_MARK)):
        raise DemoNotLoadable(
            "the demo is already loaded in this database: sign in with the credentials it "
            "printed the first time"
        )
    if blocking := _in_the_way(session):
        raise DemoNotLoadable(
            "the demo needs a database of its own; this one already has " + "; ".join(blocking)
        )
    credentials: list[Credential] = []
    admin, _ = bootstrap_platform(session, "admin@anxin.demo", password, "平台管理员")
    # The loader acts as the demo's own people, so the audit trail names real users.
    platform = user_principal(admin, _organization(session, admin.organization_id), None)
    ctx = RequestContext(session=session, principal=platform, request_id=None)
    credentials.append(Credential("platform admin", admin.email, password))

    district = create_organization(
        ctx,
        OrganizationIn(
            kind=OrganizationKind.REGULATOR, name=DISTRICT_REGULATOR, region_code="410108"
        ),
    )
    town = create_organization(
        ctx,
        OrganizationIn(
            kind=OrganizationKind.REGULATOR,
            name=TOWN_REGULATOR,
            region_code="410108100",
        ),
    )
    bank = create_organization(ctx, OrganizationIn(kind=OrganizationKind.INSTITUTION, name=BANK))
    insurer = create_organization(
        ctx, OrganizationIn(kind=OrganizationKind.INSTITUTION, name=INSURER)
    )
    firm = create_organization(
        ctx, OrganizationIn(kind=OrganizationKind.SERVICE_FIRM, name=SERVICE_FIRM)
    )

    people = (
        (district, "regulator@huiji.demo", "区应急局管理员", Role.ADMIN),
        (district, "inspector@huiji.demo", "区应急局监察员", Role.EDITOR),
        (district, "approver@huiji.demo", "区应急局审批人", Role.APPROVER),
        (town, "town@huiji.demo", "花园口镇安办", Role.ADMIN),
        (bank, "risk@bank.demo", "银行风控", Role.ADMIN),
        (insurer, "underwriting@insurer.demo", "保险核保", Role.ADMIN),
        (firm, "engineer@firm.demo", "注册安全工程师", Role.ADMIN),
    )
    actors: dict[str, Principal] = {}
    for organization, email, name, role in people:
        user = new_user(session, organization, email, name, role, password)
        actors[email] = user_principal(user, organization, None)
        credentials.append(Credential(f"{organization.name} ({role.value})", user.email, password))

    for institution, owner_email in (
        (bank, "risk@bank.demo"),
        (insurer, "underwriting@insurer.demo"),
    ):
        owner = actors[owner_email]
        client, secret = create_client(
            RequestContext(session=session, principal=owner, request_id=None),
            institution,
            MachineClientIn(name="blacklist screening", scopes=[Capability.BLACKLIST_READ]),
        )
        credentials.append(Credential(f"{institution.name} (machine client)", client.id, secret))

    inspector = actors["inspector@huiji.demo"]
    firm_clients: list[tuple[Organization, str]] = []
    for index, spec in enumerate(ENTERPRISES, start=1):
        email = f"admin{index:02d}@enterprise.demo"
        enterprise = enterprises.register(
            session,
            EnterpriseSignup(
                credit_code=demo_credit_code(index),
                name=spec.name,
                region_code=spec.town,
                legal_representative="张" + "伟芳娜敏静丽强磊军洋勇艳"[index % 12],
                principal_person="李" + "明华建国红梅志刚秀英"[index % 10],
                address=f"郑州市惠济区示范路{index}号",
                industry_code=spec.industry_code,
                high_risk_category=spec.high_risk,
                employee_count=spec.employees,
                designated_size=spec.designated_size,
                sme_class=spec.sme_class,
                occupational_hazard_trade=spec.hazard_trade,
                admin=SignupAdmin(
                    email=email, display_name=f"{spec.name[:6]}管理员", password=password
                ),
            ),
            None,
        )
        if spec.verified:
            enterprises.verify(session, inspector, _profile(session, enterprise.id), None)
        credentials.append(Credential(f"{spec.name} (admin)", email, password))
        if (
            spec.high_risk is None
            and spec.sme_class in ("small", "micro")
            and len(firm_clients) < 3
        ):
            firm_clients.append((enterprise.organization, email))
    session.flush()
    sign_demo_contracts(session, actors["engineer@firm.demo"], firm_clients)
    return credentials


def _profile(session: Session, enterprise_id: str) -> Enterprise:
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise LookupError(enterprise_id)
    return enterprise


def _organization(session: Session, organization_id: str) -> Organization:
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise LookupError(organization_id)
    return organization
