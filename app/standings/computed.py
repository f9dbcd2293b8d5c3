"""What an evaluation stores: the standing's row and its items, as plain values, so that the
refresher writes them and the verifier compares them from one definition."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.compliance.engine import Evaluation, severity_of
from app.compliance.rules import Severity, Status

# Only these are stored as items: a pass or a rule that does not apply is implied.
ITEM_STATUSES = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class Item:
    kind: str  # rule | duty
    key: str
    pack_id: str | None
    status: str
    severity: str


@dataclass(frozen=True)
class Computed:
    """One enterprise's standing as stored; `evaluation_id`, `as_of` and the instant it was
    evaluated name the run and are not part of what a verification compares."""

    enterprise_id: str
    region_code: str | None
    industry_section: str
    status: str
    counts: dict[str, int]  # n_pass … fail_minor, as the columns are named
    failing_rules: list[str]
    packs: list[dict[str, str]]
    stable_until: date | None
    items: frozenset[Item]
    evaluation_id: str
    as_of: date

    def row(self) -> dict[str, Any]:
        """The `enterprise_standings` columns but `evaluated_at`."""
        return {
            "enterprise_id": self.enterprise_id,
            "region_code": self.region_code,
            "industry_section": self.industry_section,
            "status": self.status,
            **self.counts,
            "failing_rules": json.dumps(self.failing_rules),
            "packs": json.dumps(self.packs),
            "evaluation_id": self.evaluation_id,
            "as_of": self.as_of,
            "stable_until": self.stable_until,
        }


def computed(evaluation: Evaluation) -> Computed:
    enterprise = evaluation.enterprise
    by_status = evaluation.counts()
    by_severity = evaluation.failing_by_severity()
    counts = {
        "n_pass": by_status[Status.PASS.value],
        "n_fail": by_status[Status.FAIL.value],
        "n_unknown": by_status[Status.UNKNOWN.value],
        "n_na": by_status[Status.NOT_APPLICABLE.value],
        "fail_critical": by_severity.get(Severity.CRITICAL.value, 0),
        "fail_major": by_severity.get(Severity.MAJOR.value, 0),
        "fail_minor": by_severity.get(Severity.MINOR.value, 0),
    }
    rules = {
        Item("rule", rule.id, pack.id, finding.status.value, severity_of(rule, finding).value)
        for pack, rule, finding in evaluation.by_pack()
        if finding.status in ITEM_STATUSES
    }
    duties = {
        Item("duty", v.duty.key, v.deciding[0].id, v.status.value, v.severity.value)
        for v in evaluation.duties()
        if v.status in ITEM_STATUSES
    }
    return Computed(
        enterprise_id=enterprise.id,
        region_code=enterprise.organization.region_code,
        industry_section=enterprise.industry_code[:1],
        status=evaluation.overall().value,
        counts=counts,
        failing_rules=evaluation.failing_rules(),
        packs=[{"id": pack.id, "version": pack.version} for pack in evaluation.packs],
        stable_until=evaluation.stable_until(),
        items=frozenset(rules | duties),
        evaluation_id=evaluation.id,
        as_of=evaluation.as_of,
    )
