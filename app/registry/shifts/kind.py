"""Leaders' on-site shifts (带班记录) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.registry.kinds import RecordKind, WriteContext
from app.registry.references import invalid, require_person
from app.registry.shifts.models import OnSiteShift
from app.registry.shifts.schemas import (
    OnSiteShiftFilters,
    OnSiteShiftIn,
    OnSiteShiftOut,
    OnSiteShiftPatch,
)
from app.registry.staffing.common import end_not_before_start, touches
from app.registry.writes import blame


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: OnSiteShift | None,
) -> None:
    start, end = state["shift_on"], state["ends_on"]
    end_not_before_start(data, start, end, "shift_on", "ends_on")
    if not touches(data, "person_id", "shift_on", "ends_on"):
        return
    person = require_person(ctx, state["person_id"], "person_id")
    # Who may be recorded is any person in service on the day, not only a leader in post:
    # the appointment may be recorded after the shifts (an import of a year's roster), and
    # the rules count a shift only for a leader in post (decision 122).
    if start < person.hire_date:
        raise invalid(
            blame(data, "shift_on", "person_id"),
            f"before the person's hire date ({person.hire_date.isoformat()})",
            "before_hire_date",
        )
    leave = person.leave_date
    if leave is None or (end or start) <= leave:
        return
    # The field that runs past the leave date: the start, else the end.
    late = "shift_on" if start > leave else "ends_on"
    raise invalid(
        blame(data, late, "person_id"),
        f"after the person's leave date ({leave.isoformat()})",
        "after_leave_date",
    )


ON_SITE_SHIFTS: RecordKind[OnSiteShift] = RecordKind(
    path="on-site-shifts",
    resource_type="on_site_shift",
    title="leader's on-site shift (带班记录)",
    model=OnSiteShift,
    id_prefix="oss",
    create_schema=OnSiteShiftIn,
    patch_schema=OnSiteShiftPatch,
    out_schema=OnSiteShiftOut,
    filters_schema=OnSiteShiftFilters,
    headers={
        "shift_on": ("带班日期", "日期"),
        "ends_on": ("结束日期",),
        "place": ("带班地点", "地点"),
        "notes": ("备注", "巡查情况"),
    },
    check=check,
    filter_by=("person_id",),
    filter_between={"shift": "shift_on"},
)
