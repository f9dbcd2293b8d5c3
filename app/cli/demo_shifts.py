"""Leaders' on-site shifts (带班记录) of a generated enterprise: the principal's, a former
principal's and the deputy's turns on site over the last year (惠政文〔2014〕53号 art. 16,
河南省安全生产条例 art. 35)."""

from __future__ import annotations

from datetime import date, timedelta

from app.cli.demo_catalog import DEPARTMENTS
from app.cli.demo_people import PersonPlan, Workforce
from app.cli.demo_records import EnterpriseRecords
from app.core.calendar import add_months
from app.registry.shifts.kind import ON_SITE_SHIFTS

MONTHS = 12  # the months before this one, as the rules' look-back
LAPSING = 0.3  # enterprises with some defect that let a leader's shifts lapse now and then
MISSED = 0.15  # in those, the chance a leader misses a month


def on_site_shifts(records: EnterpriseRecords, work: Workforce) -> None:
    """A shift a month for each leader in post, on a day of the month in post; an enterprise
    without defects (the exemplary ones) misses none."""
    rng, spec, today = records.rng, records.spec, records.today
    leaders: list[tuple[PersonPlan, date, date | None]] = [
        (work.principal, work.principal_since, None)
    ]
    if work.previous_principal is not None:
        previous = work.previous_principal
        leaders.append((previous, previous.hire_date, previous.leave_date))
    if work.deputy is not None:
        leaders.append((work.deputy, work.deputy.hire_date, None))
    places = DEPARTMENTS[spec.industry.sector]
    lapsing = bool(spec.defects) and rng.random() < LAPSING
    month = add_months(today.replace(day=1), -MONTHS)
    while month <= today:
        last = min(add_months(month, 1) - timedelta(days=1), today)
        for person, since, until in leaders:
            first_day, last_day = max(month, since), min(last, until or last)
            if first_day > last_day or (lapsing and rng.random() < MISSED):
                continue
            taken = first_day + timedelta(days=rng.randint(0, (last_day - first_day).days))
            overnight = taken < last_day and rng.random() < 0.3
            records.put(
                ON_SITE_SHIFTS,
                person_id=person.id,
                shift_on=taken,
                ends_on=taken + timedelta(days=1) if overnight else None,
                place=rng.choice(places),
                notes="夜班带班，巡查关键环节和重点部位。" if overnight else None,
            )
        month = add_months(month, 1)
