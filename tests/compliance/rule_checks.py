"""One rule judged by the engine on in-memory facts, with the pack it belongs to, and what a
finding shows (status, message, evidence, due …), for the tests that cover each rule in the
five ways issue 18 asks for (coverage.py, test_cover_*.py, test_henan2019_*.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.compliance.engine import judge
from app.compliance.packs import PACKS
from app.compliance.rules import Finding, Pack, Status
from app.compliance.stack import alone
from tests.compliance.facts_builder import FactsBuilder

PACK = PACKS["huiji-2014"]  # PACK and BEFORE_PACK: the district pack's, for its tests
BEFORE_PACK = PACK.effective_from - timedelta(days=1)
DAY = timedelta(days=1)


def pack_of(rule_id: str) -> Pack:
    """The pack whose rule this is (rule ids are unique across packs)."""
    return next(p for p in PACKS.values() if p.rule(rule_id) is not None)


def day_before(pack: Pack) -> date:
    return pack.effective_from - DAY


def finding(rule_id: str, builder: FactsBuilder, day: date, **profile: Any) -> Finding:
    """The rule's finding as of `day`, on the facts cut to that day, as a report judges
    (its own pack's)."""
    evaluation = judge(alone(pack_of(rule_id)), builder.facts(day, **profile))
    return next(f for rule, f in evaluation.results if rule.id == rule_id)


def status(rule_id: str, builder: FactsBuilder, day: date, **profile: Any) -> Status:
    return finding(rule_id, builder, day, **profile).status


def shown(found: Finding) -> tuple[Any, ...]:
    """What a report shows of a finding."""
    return (found.status, found.message, found.evidence, found.due, found.branch, found.severity)


def ignores_later(
    rule_id: str,
    builder: FactsBuilder,
    day: date,
    record_later: Callable[[], object],
    **profile: Any,
) -> Finding:
    """The finding as of `day` is the same without and with what `record_later` records
    (a fact dated after `day`); returns it."""
    without = finding(rule_id, builder, day, **profile)
    record_later()
    with_later = finding(rule_id, builder, day, **profile)
    assert shown(with_later) == shown(without)
    return with_later
