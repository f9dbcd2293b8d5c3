"""Published safety commitments as the public sees them (article 21: 安全承诺 made public).

Which commitments: published (`published_on` set, on or before the day asked about), not
deleted, of a verified enterprise — an unverified sign-up's credit code is only a claim,
and publishing in its name would let anyone speak for a company (decision 81).

Which fields: the enterprise's name, credit code and region, the year, the days of signing
and publication, and the commitments' texts. Nothing about a person: not the signer's
person id, name or ID number (decision 81). `PUBLIC_FIELDS` is the whole list; the router's
schema and the page are built from these rows only.

Order: region code, credit code, year, id — ascending, a keyset, so that a region's
enterprises stay together on paper and the cursor is stable while more are published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from app.core.errors import INVALID_CURSOR, FieldError
from app.core.html_pages import Notice, notice_page
from app.core.pagination import decode_cursor, encode_cursor
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.identity.models import Organization
from app.regions.models import Region
from app.regions.service import in_subtree
from app.registry.commitments.models import SafetyCommitment

ORDERING = "public-commitments:region_code,credit_code,year,id"
HTML_ROW_CAP = 1000
ARTICLE_21 = "惠政文〔2014〕53号第二十一条"
PUBLIC_FIELDS = (
    "id",
    "year",
    "enterprise_name",
    "credit_code",
    "region_code",
    "region_name",
    "items",
    "signed_on",
    "published_on",
)
_KEYS = (
    Organization.region_code,
    Enterprise.credit_code,
    SafetyCommitment.year,
    SafetyCommitment.id,
)
_KEY_TYPES = (str, str, int, str)


@dataclass(frozen=True)
class CommitmentFilter:
    as_of: date
    year: int | None = None
    region: str | None = None


# A commitment with its enterprise's credit code, name and region code.
PublicRows = Select[SafetyCommitment, str, str, str | None]


def _statement(only: CommitmentFilter) -> PublicRows:
    statement = (
        select(
            SafetyCommitment, Enterprise.credit_code, Organization.name, Organization.region_code
        )
        .join(Enterprise, Enterprise.id == SafetyCommitment.enterprise_id)
        .join(Organization, Organization.id == Enterprise.id)
        .where(
            SafetyCommitment.deleted_at.is_(None),
            SafetyCommitment.published_on.is_not(None),
            SafetyCommitment.published_on <= only.as_of,
            Enterprise.verification_status == VerificationStatus.VERIFIED.value,
        )
    )
    if only.year is not None:
        statement = statement.where(SafetyCommitment.year == only.year)
    if only.region:
        statement = statement.where(in_subtree(Organization.region_code, only.region))
    return statement


def _after(cursor: str) -> list[Any]:
    key = decode_cursor(ORDERING, cursor, len(_KEYS))
    # A hand-made cursor could carry other types: a 422, not a database error.
    if any(type(value) is not kind for value, kind in zip(key, _KEY_TYPES, strict=True)):
        raise INVALID_CURSOR.problem(
            "The cursor is not valid for this list; start again without it.",
            errors=[FieldError(field="query.cursor", message="bad key", code="invalid_cursor")],
        )
    return key


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _rows(session: Session, statement: PublicRows) -> list[dict[str, Any]]:
    found = session.execute(statement).all()
    codes = {region_code for *_, region_code in found}
    names = dict(
        session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))).all()
    )
    return [
        {
            "id": commitment.id,
            "year": commitment.year,
            "enterprise_name": name,
            "credit_code": credit_code,
            "region_code": region_code or "",  # an enterprise always has a region
            "region_name": names.get(region_code or ""),
            "items": json.loads(commitment.items),
            "signed_on": _day(commitment.signed_on),
            "published_on": _day(commitment.published_on),
        }
        for commitment, credit_code, name, region_code in found
    ]


def page(
    session: Session, only: CommitmentFilter, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of public rows, and the cursor of the next (None on the last page)."""
    statement = _statement(only)
    if cursor is not None:
        after = _after(cursor)
        bound = [literal(value, type_=key.type) for key, value in zip(_KEYS, after, strict=True)]
        statement = statement.where(tuple_(*_KEYS) > tuple_(*bound))
    rows = _rows(session, statement.order_by(*_KEYS).limit(limit + 1))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    key = [last["region_code"], last["credit_code"], last["year"], last["id"]]
    return rows, encode_cursor(ORDERING, key)


_CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 9pt; color: #000; margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 6pt; }
p.basis { margin: 0 0 6pt; }
dl { display: flex; flex-wrap: wrap; gap: 2pt 12pt; margin: 0 0 6pt; }
dt { font-weight: bold; } dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #555; padding: 2pt 3pt; vertical-align: top; text-align: left;
  font-size: 8pt; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.code { font-family: monospace; white-space: nowrap; }
td.date { white-space: nowrap; }
ol { margin: 0; padding-left: 12pt; }
p.note { font-size: 8pt; color: #444; margin: 4pt 0 0; }
"""

_COLUMNS = (
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所在区域",
    "年度",
    "承诺事项",
    "签订日期",
    "公开日期",
)


def _td(text: str, css: str = "") -> str:
    """One cell. Every text is escaped here: names and commitments are typed by people."""
    attribute = f' class="{css}"' if css else ""
    return f"<td{attribute}>{escape(text)}</td>"


def _row(number: int, row: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(item)}</li>" for item in row["items"])
    region = row["region_name"] or row["region_code"]
    return (
        "<tr>"
        + _td(str(number))
        + _td(row["enterprise_name"])
        + _td(row["credit_code"], "code")
        + _td(f"{region}（{row['region_code']}）")
        + _td(str(row["year"]))
        + f"<td><ol>{items}</ol></td>"
        + _td(row["signed_on"] or "", "date")
        + _td(row["published_on"], "date")
        + "</tr>"
    )


def notice_html(
    session: Session, only: CommitmentFilter, cap: int = HTML_ROW_CAP
) -> tuple[str, int]:
    """The printable page (A4) of the matching commitments, at most `cap` rows; and how many
    matched in all. Self-contained: inline CSS, no script, no external resource."""
    statement = _statement(only)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    shown = _rows(session, statement.order_by(*_KEYS).limit(cap))
    as_of = only.as_of.isoformat()
    facts = [("公告日期", as_of), ("企业承诺", f"{total} 份")]
    if only.year is not None:
        facts.append(("年度", str(only.year)))
    if only.region:
        facts.append(("区域", only.region))
    notes = ["承诺由企业主要负责人签订；本公告不公开任何个人信息。"]
    if total > len(shown):
        notes.append(
            f"共 {total} 份承诺，本页列出前 {len(shown)} 份；"
            "请缩小筛选范围，或通过 /v1/public/safety-commitments 分页获取全部。"
        )
    page_html = notice_page(
        Notice(
            title="企业安全生产承诺公告",
            as_of=as_of,
            basis=f"根据{ARTICLE_21}，现将截至 {as_of} 已公开的企业年度安全生产承诺公告如下。",
            facts=facts,
            columns=_COLUMNS,
            rows_html="".join(_row(n, r) for n, r in enumerate(shown, start=1)),
            when_empty="暂无已公开的安全承诺。",
            notes=notes,
            css=_CSS,
        )
    )
    return page_html, total
