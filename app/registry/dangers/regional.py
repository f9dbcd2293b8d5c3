"""Hidden dangers across every enterprise a principal may see: the regulator's view (art. 5)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import Field
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.core.spreadsheet import safe_row
from app.enterprises.models import Enterprise
from app.identity import policy
from app.identity.models import Organization
from app.identity.principal import Principal
from app.regions.service import in_subtree
from app.registry.catalog import DangerLevel, DangerStatus
from app.registry.dangers.kind import UNRESOLVED
from app.registry.dangers.models import HiddenDanger
from app.registry.dangers.schemas import HiddenDangerOut
from app.registry.people.models import Person


class RegionalHiddenDangerOut(HiddenDangerOut):
    """An item of the cross-enterprise list: the danger and whose it is, so that it can be
    followed to `/v1/enterprises/{enterprise_id}/hidden-dangers/{id}`."""

    enterprise_id: str = Field(description="The enterprise the hidden danger belongs to.")
    enterprise_name: str = Field(description="Its name now.")


def enterprise_names(session: Session, dangers: list[HiddenDanger]) -> dict[str, str]:
    """The names of the dangers' enterprises, in one query."""
    ids = {d.enterprise_id for d in dangers}
    statement = select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    return dict(session.execute(statement).all())


@dataclass(frozen=True)
class RegionalFilters:
    level: DangerLevel | None = None
    status: DangerStatus | None = None
    unresolved: bool | None = None
    region: str | None = None
    found_from: date | None = None
    found_to: date | None = None


def readable(principal: Principal, filters: RegionalFilters) -> Select[HiddenDanger]:
    statement = (
        select(HiddenDanger)
        .join(Organization, Organization.id == HiddenDanger.enterprise_id)
        .where(
            HiddenDanger.deleted_at.is_(None),
            policy.can_read_enterprises(principal, HiddenDanger.enterprise_id),
        )
    )
    if filters.level is not None:
        statement = statement.where(HiddenDanger.level == filters.level.value)
    if filters.status is not None:
        statement = statement.where(HiddenDanger.status == filters.status.value)
    if filters.unresolved is not None:
        unresolved = HiddenDanger.status.in_(UNRESOLVED)
        statement = statement.where(unresolved if filters.unresolved else ~unresolved)
    if filters.region:
        statement = statement.where(in_subtree(Organization.region_code, filters.region))
    if filters.found_from is not None:
        statement = statement.where(HiddenDanger.found_on >= filters.found_from)
    if filters.found_to is not None:
        statement = statement.where(HiddenDanger.found_on <= filters.found_to)
    return statement


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


WEEKLY_COLUMNS = (
    "企业名称 enterprise",
    "统一社会信用代码 credit_code",
    "区域 region",
    "隐患编号 id",
    "发现日期 found_on",
    "隐患描述 description",
    "部位 location",
    "状态 status",
    "整改措施 measures",
    "责任人 responsible",
    "资金 funds",
    "整改时限 deadline",
    "应急预案 contingency_plan",
    "上报时间 reported_at",
)


def weekly_report_csv(
    session: Session, principal: Principal, monday: date, region: str | None
) -> str:
    """Major hidden dangers found in the week, or found before and still unresolved at its
    end: the weekly report of article 5, as CSV (UTF-8 with BOM, so spreadsheets read it)."""
    sunday = monday + timedelta(days=6)
    statement = (
        readable(principal, RegionalFilters(level=DangerLevel.MAJOR, region=region))
        .where(
            HiddenDanger.found_on <= sunday,
            or_(
                HiddenDanger.found_on >= monday,
                HiddenDanger.status.in_(UNRESOLVED),
                and_(HiddenDanger.fixed_on.is_not(None), HiddenDanger.fixed_on >= monday),
            ),
        )
        .order_by(Organization.region_code, HiddenDanger.found_on, HiddenDanger.id)
    )
    dangers = list(session.scalars(statement))
    enterprise_ids = {d.enterprise_id for d in dangers}
    person_ids = {d.responsible_person_id for d in dangers if d.responsible_person_id}
    profiles = {
        e.id: e
        for e in session.scalars(select(Enterprise).where(Enterprise.id.in_(enterprise_ids)))
    }
    names = dict(
        session.execute(select(Person.id, Person.name).where(Person.id.in_(person_ids))).all()
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(WEEKLY_COLUMNS)
    for danger in dangers:
        profile = profiles[danger.enterprise_id]
        writer.writerow(
            safe_row(
                (
                    profile.organization.name,
                    profile.credit_code,
                    profile.organization.region_code,
                    danger.id,
                    danger.found_on.isoformat(),
                    danger.description,
                    danger.location or "",
                    danger.status,
                    danger.measures or "",
                    names.get(danger.responsible_person_id or "", ""),
                    "" if danger.funds is None else f"{danger.funds:.2f}",
                    danger.deadline.isoformat() if danger.deadline else "",
                    danger.contingency_plan or "",
                    danger.reported_at.isoformat() if danger.reported_at else "",
                )
            )
        )
    return "\ufeff" + buffer.getvalue()
