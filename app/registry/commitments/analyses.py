"""Monthly risk analyses (安全生产形势分析, art. 23) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from app.core import clock
from app.registry import errors
from app.registry.commitments.models import RiskAnalysis
from app.registry.commitments.schemas import (
    RiskAnalysisFilters,
    RiskAnalysisIn,
    RiskAnalysisOut,
    RiskAnalysisPatch,
)
from app.registry.kinds import RecordKind, WriteContext
from app.registry.references import invalid


def month_bounds(month: str) -> tuple[date, date]:
    """The first day of `month` (YYYY-MM) and the last day of the month after it: the days
    an analysis of that month may be conducted on."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    after_next = date(year + (number + 1) // 12, (number + 1) % 12 + 1, 1)
    return first, date.fromordinal(after_next.toordinal() - 1)


def _require_free_month(ctx: WriteContext, month: str, current: RiskAnalysis | None) -> None:
    taken = ctx.session.scalar(
        select(RiskAnalysis.id).where(
            RiskAnalysis.enterprise_id == ctx.enterprise.id,
            RiskAnalysis.month == month,
            RiskAnalysis.deleted_at.is_(None),
        )
    )
    if taken is not None and (current is None or taken != current.id):
        raise errors.MONTH_TAKEN.problem(f"Analysis {taken} already covers {month}.")


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: RiskAnalysis | None,
) -> None:
    month: str = state["month"]
    conducted_on: date = state["conducted_on"]
    if conducted_on > clock.today():
        raise invalid("conducted_on", "must not be in the future", "in_future")
    first, last = month_bounds(month)
    if not first <= conducted_on <= last:
        # Name the field this write sent: a PATCH of the month alone is what broke the pair.
        field = "month" if "month" in data and "conducted_on" not in data else "conducted_on"
        raise invalid(
            field, f"the analysis must be conducted between {first} and {last}", "out_of_range"
        )
    if "month" in data:
        _require_free_month(ctx, month, current)


RISK_ANALYSES: RecordKind[RiskAnalysis] = RecordKind(
    path="risk-analyses",
    resource_type="risk_analysis",
    title="monthly risk analysis (安全生产形势分析)",
    model=RiskAnalysis,
    id_prefix="rka",
    create_schema=RiskAnalysisIn,
    patch_schema=RiskAnalysisPatch,
    out_schema=RiskAnalysisOut,
    filters_schema=RiskAnalysisFilters,
    headers={
        "month": ("月份",),
        "conducted_on": ("研判日期",),
        "risks_identified": ("风险数量",),
        "summary": ("研判结论",),
    },
    check=check,
    filter_between={"month": "month"},  # YYYY-MM strings sort as the months do
    problems=(errors.MONTH_TAKEN,),
)
