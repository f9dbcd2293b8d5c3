"""Monthly statistics of hidden-danger work (事故隐患排查治理情况统计分析, 河南省安全生产条例
art. 24 para 4) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import clock
from app.registry import errors
from app.registry.commitments.analyses import month_bounds
from app.registry.dangers.models import HiddenDangerStatistics
from app.registry.dangers.schemas import (
    HiddenDangerStatisticsFilters,
    HiddenDangerStatisticsIn,
    HiddenDangerStatisticsOut,
    HiddenDangerStatisticsPatch,
)
from app.registry.kinds import RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame, living_duplicate

# Events that follow the analysis: reported to the regulator, told to the staff.
TOLD = ("reported_to_regulator_on", "told_to_staff_on")


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: HiddenDangerStatistics | None,
) -> None:
    today, analysed_on = clock.today(), state["analysed_on"]
    if analysed_on > today:
        raise invalid("analysed_on", "must not be in the future", "in_future")
    first, _ = month_bounds(state["month"])
    if analysed_on < first:
        # Name the field this write sent: a PATCH of the month alone is what broke the pair.
        raise invalid(
            blame(data, "analysed_on", "month"),
            f"a month is analysed once it has begun (from {first})",
            "out_of_range",
        )
    for name in TOLD:
        told = state[name]
        if told is None:
            continue
        if told > today:
            raise invalid(name, "must not be in the future", "in_future")
        if told < analysed_on:
            raise invalid(blame(data, name, "analysed_on"), "not before the analysis", "date_order")
    if "month" in data:
        taken = living_duplicate(ctx, HiddenDangerStatistics, current, month=state["month"])
        if taken is not None:
            raise errors.STATISTICS_MONTH_TAKEN.problem(
                f"Statistics {taken} already cover {state['month']}."
            )


HIDDEN_DANGER_STATISTICS: RecordKind[HiddenDangerStatistics] = RecordKind(
    path="hidden-danger-statistics",
    resource_type="hidden_danger_statistics",
    title="monthly hidden-danger statistics (隐患排查治理情况统计分析)",
    model=HiddenDangerStatistics,
    id_prefix="hds",
    create_schema=HiddenDangerStatisticsIn,
    patch_schema=HiddenDangerStatisticsPatch,
    out_schema=HiddenDangerStatisticsOut,
    filters_schema=HiddenDangerStatisticsFilters,
    headers={
        "month": ("月份",),
        "analysed_on": ("分析日期",),
        "found_count": ("排查隐患数",),
        "fixed_count": ("整改隐患数",),
        "overdue_count": ("逾期未整改数",),
        "reported_to_regulator_on": ("报告监管部门日期",),
        "told_to_staff_on": ("通报从业人员日期",),
        "summary": ("统计分析结论",),
        "notes": ("备注",),
    },
    check=check,
    filter_between={"month": "month"},  # YYYY-MM strings sort as the months do
    problems=(errors.STATISTICS_MONTH_TAKEN,),
)
