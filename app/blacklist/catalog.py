"""Closed lists of the blacklist: why a subject is listed, under which legal basis (which
fixes the listing period), why it is removed, and the states of an entry.

Values come from shared/domain/regulations.md ("Blacklist"); they are data, a correction is
one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReasonCategory(StrEnum):
    """Why a subject is listed: the seed's three situations and the 2023 order's nine."""

    # 惠政文〔2014〕53号 art. 21
    ILLEGAL_OPERATION = "illegal_operation"  # 非法违法生产经营建设
    MAJOR_HIDDEN_DANGER_UNREMEDIED = "major_hidden_danger_unremedied"  # 重大隐患不整改
    LARGER_OR_ABOVE_ACCIDENT = "larger_or_above_accident"  # 较大以上事故责任
    # MEM order No. 11 (2023): five after an accident …
    SERIOUS_ACCIDENT = "serious_accident"  # 特别重大、重大生产安全事故
    REPEATED_LARGER_ACCIDENTS = "repeated_larger_accidents"  # 12个月内两起以上较大事故
    AGGRAVATED_FINE_ACCIDENT = "aggravated_fine_accident"  # 加重罚款的事故
    CONCEALED_ACCIDENT = "concealed_accident"  # 瞒报、谎报事故
    PRINCIPAL_FLED = "principal_fled"  # 主要负责人逃逸或不组织抢救
    # … and four without one
    OPERATING_WITHOUT_PERMIT = "operating_without_permit"  # 未依法取得许可或许可被暂扣、吊销
    OPERATING_AFTER_STOP_ORDER = "operating_after_stop_order"  # 责令停产停业后仍生产经营
    REFUSING_HIDDEN_DANGER_REMEDY = "refusing_hidden_danger_remedy"  # 拒不执行重大隐患整改
    FALSE_REPORTS_BY_SERVICE_BODY = "false_reports_by_service_body"  # 中介机构出具虚假报告


@dataclass(frozen=True)
class Basis:
    """What a legal basis fixes: the listing period and when early removal may be asked."""

    title: str
    listing_months: int | None  # None: the basis sets none, the decision must state it
    early_removal_after_months: int | None  # None: no early removal (credit repair)


class LegalBasis(StrEnum):
    """The rule an entry was listed under; its period follows that rule for life."""

    HUIJI_2014 = "huiji_2014"
    NATIONAL_2017 = "national_2017"
    MEM_2023 = "mem_2023"


BASES: dict[LegalBasis, Basis] = {
    LegalBasis.HUIJI_2014: Basis("惠政文〔2014〕53号第二十一条", None, None),
    LegalBasis.NATIONAL_2017: Basis(
        "对安全生产领域失信行为开展联合惩戒的实施办法（2017）", 12, None
    ),
    LegalBasis.MEM_2023: Basis("安全生产严重失信主体名单管理办法（应急管理部令第11号）", 36, 12),
}
MAX_LISTING_MONTHS = 60  # a stated period longer than 5 years is a typing error, not a decision


class RemovalReason(StrEnum):
    CREDIT_REPAIR = "credit_repair"  # 信用修复（提前移出）
    EXPIRY = "expiry"  # 期满移出
    CORRECTION = "correction"  # 错误更正
    COURT_RULING = "court_ruling"  # 行政复议、诉讼撤销


class EntryStatus(StrEnum):
    PROPOSED = "proposed"  # not public: waiting for a second person to publish it
    WITHDRAWN = "withdrawn"  # a proposal its proposer took back; never public
    PUBLISHED = "published"
    REMOVED = "removed"
    EXPIRED = "expired"


PUBLIC_STATUSES = (EntryStatus.PUBLISHED, EntryStatus.REMOVED, EntryStatus.EXPIRED)


class ResponsibleRole(StrEnum):
    PRINCIPAL = "principal"  # 主要负责人
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法定代表人
    OTHER = "other"  # 其他负有责任的人员


class ProposalKind(StrEnum):
    CORRECTION = "correction"
    REMOVAL = "removal"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ChangeAction(StrEnum):
    """What the change feed tells institutions: only public events."""

    PUBLISHED = "published"
    CORRECTED = "corrected"
    REMOVED = "removed"
    EXPIRED = "expired"
