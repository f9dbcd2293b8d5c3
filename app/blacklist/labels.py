"""Chinese labels of the blacklist's closed lists, as the public notice prints them.

Kept apart from catalog.py so the codes (machine values that never change) and the wording
(which a reviewer may correct against the order's text) change independently. The wording
follows shared/domain/regulations.md ("Blacklist"), itself marked "check exact wording".
"""

from __future__ import annotations

from app.blacklist.catalog import ReasonCategory, ResponsibleRole

REASON_LABELS: dict[ReasonCategory, str] = {
    # 惠政文〔2014〕53号 art. 21
    ReasonCategory.ILLEGAL_OPERATION: "非法违法生产经营建设",
    ReasonCategory.MAJOR_HIDDEN_DANGER_UNREMEDIED: "存在重大事故隐患不整改",
    ReasonCategory.LARGER_OR_ABOVE_ACCIDENT: "对较大以上生产安全事故负有责任",
    # MEM order No. 11 (2023)
    ReasonCategory.SERIOUS_ACCIDENT: "发生特别重大、重大生产安全事故",
    ReasonCategory.REPEATED_LARGER_ACCIDENTS: "12个月内累计发生2起以上较大生产安全事故",
    ReasonCategory.AGGRAVATED_FINE_ACCIDENT: "发生生产安全事故被依法加重罚款",
    ReasonCategory.CONCEALED_ACCIDENT: "瞒报、谎报生产安全事故",
    ReasonCategory.PRINCIPAL_FLED: "事故发生后主要负责人逃匿或不立即组织抢救",
    ReasonCategory.OPERATING_WITHOUT_PERMIT: "未依法取得安全生产许可或在许可暂扣、吊销期间生产经营",
    ReasonCategory.OPERATING_AFTER_STOP_ORDER: "被责令停产停业后仍从事生产经营",
    ReasonCategory.REFUSING_HIDDEN_DANGER_REMEDY: "拒不执行重大事故隐患整改指令",
    ReasonCategory.FALSE_REPORTS_BY_SERVICE_BODY: (
        "安全评价、认证、检测、检验机构出具虚假报告或出租出借资质"
    ),
    # 安监总办〔2017〕49号
    ReasonCategory.REPEATED_FATAL_ACCIDENTS: (
        "1年内累计发生3起以上造成人员死亡的一般生产安全责任事故"
    ),
    ReasonCategory.EVADING_SUPERVISION: "采取隐蔽、欺骗或阻碍等方式逃避、对抗安全监管监察",
    ReasonCategory.LATE_ACCIDENT_REPORT: "迟报生产安全事故",
    ReasonCategory.THREE_SIMULTANEOUS_BREACH: "高危行业建设项目违反安全设施“三同时”规定",
}

ROLE_LABELS: dict[ResponsibleRole, str] = {
    ResponsibleRole.PRINCIPAL: "主要负责人",
    ResponsibleRole.LEGAL_REPRESENTATIVE: "法定代表人",
    ResponsibleRole.OTHER: "其他负有责任的人员",
}


def reason_label(reason: str) -> str:
    """The Chinese label of a reason code; an unknown code (data older than the catalogue)
    is printed as is rather than failing the whole notice."""
    try:
        return REASON_LABELS[ReasonCategory(reason)]
    except ValueError:
        return reason


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[ResponsibleRole(role)]
    except ValueError:
        return role
