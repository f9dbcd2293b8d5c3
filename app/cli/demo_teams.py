"""Teams (班组) of a generated enterprise, which its part-time officers (the departments'
team leaders) serve: the seed's art. 17 asks for a safety officer in each team."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from app.registry.staffing.teams import TEAMS

if TYPE_CHECKING:
    from app.cli.demo_people import Workforce
    from app.cli.demo_records import EnterpriseRecords

UNSTAFFED_SHARE = 0.15  # enterprises that set up a second team and appointed nobody to it yet


def write_teams(records: EnterpriseRecords, work: Workforce) -> dict[str, str]:
    """One team per department where the first staffing branch applies (where art. 17 asks
    for team staff), now and then a newer second one with no officer; the department → its
    first team, for the appointments of the officers who serve them."""
    spec, today = records.spec, records.today
    if not spec.first_branch:
        return {}
    # A stream of its own, so that the other records' draws stay what they were; drawn from
    # what the seed made (the ids are random), so that a seed makes the same district.
    stream = f"anxin-demo-teams:{spec.index}:{spec.name}:{spec.credit_code}:{spec.founded_on}"
    rng = random.Random(stream)  # noqa: S311 (demo data)
    served: dict[str, str] = {}
    for department in work.departments:
        established = min(today, spec.founded_on + timedelta(days=rng.randint(0, 90)))
        served[department] = records.put(
            TEAMS,
            name=f"{department}一班",
            department=department,
            established_on=established,
            dissolved_on=None,
            notes=None,
        )
    if work.departments and rng.random() < UNSTAFFED_SHARE:
        department = rng.choice(work.departments)
        records.put(
            TEAMS,
            name=f"{department}二班",
            department=department,
            established_on=max(spec.founded_on, today - timedelta(days=rng.randint(30, 200))),
            dissolved_on=None,
            notes="新组建，安全员待任命",
        )
    return served


__all__ = ["write_teams"]
