"""Registered safety engineers (注册安全工程师) as dated law: how long a registration runs.

A registration is judged by the law in force on its first day (`valid_from`): 3 years under
SAWS order 11 (2007), 5 years for registrations from 2019-03-01 under the 2019 qualification
rules (shared/domain/legal-research.md §4).
"""

from __future__ import annotations

from datetime import date

from app.law.parameters import Dated, Parameter, Source

ORDER_11 = "注册安全工程师管理规定（原国家安全生产监督管理总局令第11号）"
RULES_2019 = "注册安全工程师职业资格制度规定（应急管理部、人力资源社会保障部，2019）"
ORDER_11_FROM = date(2007, 3, 1)
RULES_2019_FROM = date(2019, 3, 1)

REGISTRATION_VALIDITY_YEARS: Parameter[int] = Parameter(
    "registered-engineers.registration-validity",
    "years",
    "How long a registration (注册) runs from its first day, at most.",
    (
        Dated(
            3,
            ORDER_11_FROM,
            Source(ORDER_11, ""),
            provisional=True,
            note="3 years seen on secondary pages only (233.com); the article and the "
            "order's in-force day (1 March 2007) were not seen in the text. Registrations "
            "before it are judged by it too.",
        ),
        Dated(
            5,
            RULES_2019_FROM,
            Source(RULES_2019, ""),
            note="5 years for an intermediate registration, seen on several secondary pages "
            "(legal-research.md §4); the article number was not seen.",
        ),
    ),
)
