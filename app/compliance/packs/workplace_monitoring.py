"""Workplace hazard monitoring (职业病防治法 art. 26; NHC order 5; the district's art. 22):
a detection (检测) of the workplace's factors within the detection interval and, where the
hazard is serious, a current-status evaluation (现状评价) within the evaluation interval.
Each pack's rule names this check with its own intervals (dated parameters) and citation.

Which units are "职业病危害严重" is a classification the registry does not hold; until it
does, a unit counts as serious when a test within the evaluation interval found results
over the limits (a house reading, decision 136)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from app.compliance.facts import Facts, derived
from app.compliance.packs.occupational import current_exposures, out_of_scope
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Text
from app.core.calendar import add_months
from app.law.parameters import Parameter
from app.registry.catalog import WorkplaceTestType
from app.registry.health.models import WorkplaceHazardTest

CONCERNS = ("workplace-hazard-tests",)
DETECTION = WorkplaceTestType.DETECTION.value
EVALUATION = WorkplaceTestType.STATUS_EVALUATION.value


def covers(test: WorkplaceHazardTest, factor: str) -> bool:
    return factor in test.factors.split()


def _tests(facts: Facts, kind: str) -> list[WorkplaceHazardTest]:
    """Tests of one kind done by the date, the latest first (ties: the first recorded)."""
    done = [t for t in facts.workplace_hazard_tests if t.test_type == kind]
    done = [t for t in done if t.tested_on <= facts.as_of]
    return sorted(done, key=lambda t: t.tested_on, reverse=True)


@derived  # three layers ask for it
def _exposed_factors(facts: Facts) -> list[str]:
    return sorted({factor for _, factor in current_exposures(facts)})


def _since(facts: Facts, months: int) -> date:
    """The first day of the last `months` calendar months (a test on it still counts)."""
    return add_months(facts.as_of, -months)


def serious(facts: Facts, evaluation: Parameter[int]) -> WorkplaceHazardTest | None:
    """The latest test within the evaluation interval that found results over the limits:
    what makes the unit's hazard count as serious here (decision 136)."""
    since = _since(facts, facts.value(evaluation))
    over = [
        t
        for t in facts.workplace_hazard_tests
        if t.exceeded_limits and since <= t.tested_on <= facts.as_of
    ]
    return max(over, key=lambda t: t.tested_on, default=None)


def monitored(detection: Parameter[int], evaluation: Parameter[int]) -> Callable[[Facts], Finding]:
    """A detection covering every factor people are exposed to within `detection` months,
    and an evaluation within `evaluation` months where the hazard is serious."""
    return functools.partial(_monitored, detection, evaluation)


def _monitored(detection: Parameter[int], evaluation: Parameter[int], facts: Facts) -> Finding:
    if (out := out_of_scope(facts)) is not None:
        return out
    months = facts.value(detection)
    since = _since(facts, months)
    detections = _tests(facts, DETECTION)
    recent = [t for t in detections if t.tested_on >= since]
    if not recent:
        last = detections[0] if detections else None
        return _fail(
            f"近{months}个月未进行职业病危害因素检测"
            + (f"（上次检测：{last.tested_on}）。" if last else "（无检测记录）。"),
            f"No workplace hazard detection in the last {months} months"
            + (f" (last: {last.tested_on})." if last else " (none recorded)."),
            (last.id,) if last else (),
            add_months(last.tested_on, months) if last else None,
        )
    exposed = _exposed_factors(facts)
    missing = [f for f in exposed if not any(covers(t, f) for t in recent)]
    if missing:
        return _fail(
            f"近{months}个月的职业病危害因素检测未涵盖：{'、'.join(missing)}。",
            f"The detections of the last {months} months do not cover: {', '.join(missing)}.",
            tuple(missing),
        )
    # The detection interval runs from the oldest of the recent detections a factor needs.
    due = add_months(_covering_since(recent, exposed), months)
    used = tuple(t.id for t in recent)
    if (found := serious(facts, evaluation)) is not None:
        years = facts.value(evaluation)
        evaluations = [t for t in _tests(facts, EVALUATION) if t.tested_on >= _since(facts, years)]
        if not evaluations:
            return _fail(
                f"检测结果超标（{found.tested_on}），属职业病危害严重，但近{years}个月未进行"
                "职业病危害现状评价。",
                f"Results over the limits ({found.tested_on}) make the hazard serious, and no "
                f"current-status evaluation was done in the last {years} months.",
                (found.id,),
            )
        used += (evaluations[0].id,)
        due = min(due, add_months(evaluations[0].tested_on, years))
    return _pass(
        f"近{months}个月进行了职业病危害因素检测，涵盖全部接触因素。",
        f"A workplace hazard detection in the last {months} months covers every factor "
        "people are exposed to.",
        used,
        due,
    )


def _covering_since(recent: list[WorkplaceHazardTest], factors: list[str]) -> date:
    """The day the coverage of every factor first lapses from: for each factor its latest
    detection, and the earliest of those (the latest detection where no factor is named)."""
    latest = [next(t.tested_on for t in recent if covers(t, f)) for f in factors]
    return min(latest, default=recent[0].tested_on)


def monitoring_deadlines(
    detection: Parameter[int], evaluation: Parameter[int]
) -> Callable[[Facts], list[Deadline]]:
    """The day the next detection (and, where serious, evaluation) falls due."""
    return functools.partial(_monitoring_deadlines, detection, evaluation)


def _monitoring_deadlines(
    detection: Parameter[int], evaluation: Parameter[int], facts: Facts
) -> list[Deadline]:
    if out_of_scope(facts) is not None:
        return []
    found: list[Deadline] = []
    if detections := _tests(facts, DETECTION):
        found.append(
            Deadline(
                add_months(detections[0].tested_on, facts.value(detection)),
                "workplace_detection_due",
                Text("职业病危害因素定期检测到期", "Workplace hazard detection due"),
                detections[0].id,
                concerns=CONCERNS,
            )
        )
    evaluations = _tests(facts, EVALUATION)
    if evaluations and serious(facts, evaluation) is not None:
        found.append(
            Deadline(
                add_months(evaluations[0].tested_on, facts.value(evaluation)),
                "workplace_evaluation_due",
                Text("职业病危害现状评价到期", "Current-status evaluation due"),
                evaluations[0].id,
                concerns=CONCERNS,
            )
        )
    return found
