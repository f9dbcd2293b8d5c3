"""Hidden-danger inspections (隐患排查, the seed's art. 20: "经常性地开展安全隐患排查，建立隐患
排查治理档案") as a record kind: the file of inspections held, each with its date, kind, scope,
leader and the number of hidden dangers it found."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.registry.dangers.models import HiddenDangerInspection
from app.registry.dangers.schemas import (
    HiddenDangerInspectionFilters,
    HiddenDangerInspectionIn,
    HiddenDangerInspectionOut,
    HiddenDangerInspectionPatch,
)
from app.registry.emergency.common import not_in_future
from app.registry.kinds import RecordKind, WriteContext
from app.registry.references import require_person


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: HiddenDangerInspection | None,
) -> None:
    # An inspection is a thing done: one dated ahead would pass a month not yet lived.
    not_in_future(state, "inspected_on")
    if data.get("leader_person_id") is not None:
        require_person(ctx, data["leader_person_id"], "leader_person_id")


HIDDEN_DANGER_INSPECTIONS: RecordKind[HiddenDangerInspection] = RecordKind(
    path="hidden-danger-inspections",
    resource_type="hidden_danger_inspection",
    title="hidden-danger inspection (隐患排查记录)",
    model=HiddenDangerInspection,
    id_prefix="hdi",
    create_schema=HiddenDangerInspectionIn,
    patch_schema=HiddenDangerInspectionPatch,
    out_schema=HiddenDangerInspectionOut,
    filters_schema=HiddenDangerInspectionFilters,
    headers={
        "inspected_on": ("排查日期",),
        "kind": ("排查类型",),
        "scope": ("排查范围", "排查区域"),
        "leader_person_id": ("排查负责人",),
        "dangers_found": ("发现隐患数",),
        "notes": ("备注",),
    },
    check=check,
    filter_by=("kind", "leader_person_id"),
    filter_between={"inspected": "inspected_on"},
)
