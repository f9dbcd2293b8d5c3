"""What every layer's rescue rule reads: the rescue arrangements in place on the date
(安全生产法 art. 82, 应急条例 art. 10, 河南省安全生产条例 art. 50). Which forms satisfy whom is
each rule's; an agreement with another team never does alone (decision 99: the regulation lets
a small unit sign one *as well as* designating rescuers).

No rule declares an arrangement's end as a deadline: as of D an end recorded after D is cut
(an end is an event, as a safety body's is), so the report learns of it from the cut's next
event."""

from __future__ import annotations

from app.compliance.facts import Facts, derived, in_period
from app.registry.catalog import RescueForm
from app.registry.rescue.models import RescueArrangement

OWN_TEAM = frozenset({RescueForm.OWN_TEAM.value})
TEAM_OR_DESIGNATED = frozenset({RescueForm.OWN_TEAM.value, RescueForm.DESIGNATED_RESCUERS.value})


@derived
def in_place(facts: Facts) -> list[RescueArrangement]:
    """The arrangements begun by the date and not ended before it (the last day counts)."""
    return [a for a in facts.rescue_arrangements if in_period(a.starts_on, a.ends_on, facts.as_of)]


def of_forms(facts: Facts, forms: frozenset[str]) -> list[RescueArrangement]:
    return [a for a in in_place(facts) if a.form in forms]
