"""Closed lists of the blacklist: why a subject is listed, under which legal basis (which
fixes the listing period), why it is removed, and the states of an entry.

Values come from shared/domain/regulations.md ("Blacklist"); they are data, a correction is
one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
    # 安监总办〔2017〕49号: situations the lists above do not name
    REPEATED_FATAL_ACCIDENTS = "repeated_fatal_accidents"  # 1年内3起以上死亡一般事故
    EVADING_SUPERVISION = "evading_supervision"  # 隐蔽、欺骗、阻碍等方式逃避对抗监管
    LATE_ACCIDENT_REPORT = "late_accident_report"  # 迟报事故
    THREE_SIMULTANEOUS_BREACH = "three_simultaneous_breach"  # 高危项目违反“三同时”


class RepairCondition(StrEnum):
    """What an early removal (credit repair, 信用修复) under the 2023 order relies on.
    PROVISIONAL: legal-research.md §5.2 has the list from memory [M]; confirm against the
    order's text (its credit-repair articles) before relying on it."""

    PENALTY_PERFORMED = "penalty_performed"  # 已履行行政处罚决定
    VIOLATION_CORRECTED = "violation_corrected"  # 违法行为已纠正、事故隐患已整改
    NO_NEW_VIOLATION = "no_new_violation"  # 未再发生应列入名单的违法行为
    CREDIT_COMMITMENT = "credit_commitment"  # 公开作出信用承诺
    REPAIR_TRAINING = "repair_training"  # 参加信用修复专题培训


class Deceit(StrEnum):
    """How an early removal was obtained unfairly (隐瞒真实情况、弄虚作假)."""

    CONCEALMENT = "concealment"  # 隐瞒真实情况
    FRAUD = "fraud"  # 弄虚作假


_R = ReasonCategory


@dataclass(frozen=True)
class Basis:
    """What a legal basis fixes: the listing period, when early removal may be asked, and
    (decision 66, 67) which reasons it lists for, from when, and what a listing must cite."""

    title: str
    listing_months: int | None  # None: the basis sets none, the decision must state it
    early_removal_after_months: int | None  # None: no early removal (credit repair)
    # The situations it lists for, as reasons; a reason whose conduct a situation covers
    # (a serious accident is a larger-or-above one) is allowed with it.
    reasons: frozenset[ReasonCategory]
    in_force_from: date | None = None  # no listing under it may start before
    penalty_required: bool = False  # the listing cites its administrative penalty decision
    repair_conditions: tuple[RepairCondition, ...] = ()  # all declared for early removal
    # Industries outside its scope: a verified subject's registry data warns (decision 67).
    outside_scope_sections: frozenset[str] = frozenset()
    outside_scope_categories: frozenset[str] = frozenset()


class LegalBasis(StrEnum):
    """The rule an entry was listed under; its period follows that rule for life."""

    HUIJI_2014 = "huiji_2014"
    NATIONAL_2017 = "national_2017"
    MEM_2023 = "mem_2023"


BASES: dict[LegalBasis, Basis] = {
    # Seed art. 21: illegal production, major hidden dangers, larger-or-above accidents.
    LegalBasis.HUIJI_2014: Basis(
        "惠政文〔2014〕53号第二十一条",
        None,
        None,
        frozenset(
            {
                _R.ILLEGAL_OPERATION,
                _R.OPERATING_WITHOUT_PERMIT,  # forms of 非法违法生产
                _R.OPERATING_AFTER_STOP_ORDER,
                _R.MAJOR_HIDDEN_DANGER_UNREMEDIED,
                _R.REFUSING_HIDDEN_DANGER_REMEDY,
                _R.LARGER_OR_ABOVE_ACCIDENT,
                _R.SERIOUS_ACCIDENT,  # above larger
                _R.REPEATED_LARGER_ACCIDENTS,
            }
        ),
    ),
    # 安监总办〔2017〕49号: 11 situations; legal-research.md §5.1 knows seven of them.
    LegalBasis.NATIONAL_2017: Basis(
        "对安全生产领域失信行为开展联合惩戒的实施办法（2017）",
        12,
        None,
        frozenset(
            {
                _R.LARGER_OR_ABOVE_ACCIDENT,
                _R.SERIOUS_ACCIDENT,
                _R.REPEATED_LARGER_ACCIDENTS,
                _R.REPEATED_FATAL_ACCIDENTS,
                _R.OPERATING_WITHOUT_PERMIT,
                _R.MAJOR_HIDDEN_DANGER_UNREMEDIED,  # 不及时整改，仍组织冒险作业
                _R.REFUSING_HIDDEN_DANGER_REMEDY,
                _R.EVADING_SUPERVISION,
                _R.OPERATING_AFTER_STOP_ORDER,
                _R.CONCEALED_ACCIDENT,
                _R.LATE_ACCIDENT_REPORT,
                _R.THREE_SIMULTANEOUS_BREACH,
            }
        ),
    ),
    # 应急管理部令第11号 (in force 2023-10-01): the nine situations, five after an accident
    # and four without one. Art. 2 leaves construction out; art. 3 needs a penalty decision.
    LegalBasis.MEM_2023: Basis(
        "安全生产严重失信主体名单管理办法（应急管理部令第11号）",
        36,
        12,
        frozenset(
            {
                _R.SERIOUS_ACCIDENT,
                _R.REPEATED_LARGER_ACCIDENTS,
                _R.AGGRAVATED_FINE_ACCIDENT,
                _R.CONCEALED_ACCIDENT,
                _R.PRINCIPAL_FLED,
                _R.OPERATING_WITHOUT_PERMIT,
                _R.OPERATING_AFTER_STOP_ORDER,
                _R.REFUSING_HIDDEN_DANGER_REMEDY,
                _R.MAJOR_HIDDEN_DANGER_UNREMEDIED,  # the same situation, the seed's word
                _R.FALSE_REPORTS_BY_SERVICE_BODY,
            }
        ),
        in_force_from=date(2023, 10, 1),
        penalty_required=True,
        repair_conditions=tuple(RepairCondition),
        outside_scope_sections=frozenset({"E"}),  # GB/T 4754 建筑业
        outside_scope_categories=frozenset({"construction"}),
    ),
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
    RESTORATION = "restoration"  # an early removal revoked for deceit: listed again


class ProposalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
