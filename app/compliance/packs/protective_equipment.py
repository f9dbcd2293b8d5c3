"""Protective equipment (劳动防护用品): every person in service exposed to a factor holds an
item issued against it and not yet due for replacement (安全生产法 art. 45; 河南省安全生产
条例 art. 18; the district's art. 22). The per-person scan is one derived view every pack's
rule reads; a pack says only whether an issue must have been free to count."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from app.compliance.facts import Facts, derived
from app.compliance.packs.occupational import current_exposures, no_exposures, out_of_scope
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Text
from app.core.calendar import add_months
from app.registry.health.models import ProtectiveEquipmentIssue

CONCERNS = ("protective-equipment-issues",)


class Holding(NamedTuple):
    """One exposure's protection on the date: the issue covering it for longest, among all
    issues and among free ones (None where there is none)."""

    person_id: str
    factor: str
    any_issue: tuple[ProtectiveEquipmentIssue, date] | None  # the issue and its replace-by day
    free_issue: tuple[ProtectiveEquipmentIssue, date] | None

    @property
    def evidence(self) -> str:
        return f"{self.person_id}:{self.factor}"


@functools.lru_cache(maxsize=4096)  # bounded: a few factor combinations recur in thousands
def _factor_set(stored: str) -> frozenset[str]:
    return frozenset(stored.split())


# Pure, and asked for thousands of issues whose dates and periods mostly recur.
replace_by = functools.lru_cache(maxsize=4096)(add_months)


@derived
def holdings(facts: Facts) -> list[Holding]:
    """For each current exposure, the issues in their replacement period on the date:
    issues are grouped by person once, so the cost stays linear in the records."""
    by_person: dict[str, list[ProtectiveEquipmentIssue]] = defaultdict(list)
    for issue in facts.protective_equipment_issues:
        if issue.issued_on <= facts.as_of:
            by_person[issue.person_id].append(issue)
    found: list[Holding] = []
    for person_id, factor in current_exposures(facts):
        best: tuple[ProtectiveEquipmentIssue, date] | None = None
        best_free: tuple[ProtectiveEquipmentIssue, date] | None = None
        for issue in by_person.get(person_id, ()):
            if factor not in _factor_set(issue.factors):
                continue
            until = replace_by(issue.issued_on, issue.replacement_months)
            if until < facts.as_of:
                continue  # due for replacement before the date: no longer protects
            # One tuple for both, so that "the same issue" is an identity test.
            candidate = (issue, until)
            if best is None or until > best[1]:
                best = candidate
            if issue.free_of_charge and (best_free is None or until > best_free[1]):
                best_free = candidate
        found.append(Holding(person_id, factor, best, best_free))
    return found


def issued(free_only: bool) -> Callable[[Facts], Finding]:
    """Every exposure is covered by an issue in its replacement period; with `free_only`,
    an issue recorded as charged for counts for nothing (the province's and the district's
    texts: 免费发放)."""
    return functools.partial(_issued, free_only)


def _issued(free_only: bool, facts: Facts) -> Finding:
    if (out := out_of_scope(facts)) is not None:
        return out
    held = holdings(facts)
    if not held:
        return no_exposures()
    counted = [(h, h.free_issue if free_only else h.any_issue) for h in held]
    lacking = [h for h, issue in counted if issue is None]
    if lacking:
        charged = [h for h in lacking if h.any_issue is not None]
        note = Text("", "")
        if free_only and charged:
            note = Text(
                f"其中{len(charged)}人次的防护用品未免费发放（不得收费或以货币替代）。",
                f" {len(charged)} of them were charged for it (it must be free, never cash "
                "instead).",
            )
        return _fail(
            f"{len(lacking)}人次接触职业病危害因素而无在更换周期内的劳动防护用品。{note.zh}",
            f"{len(lacking)} exposure(s) lack protective equipment within its replacement "
            f"period.{note.en}",
            tuple(h.evidence for h in lacking),
        )
    return _pass(
        "接触人员均已发放在更换周期内的劳动防护用品。",
        "Every exposed person holds protective equipment for each factor, within its "
        "replacement period.",
        due=min(issue[1] for _, issue in counted if issue is not None),
    )


def equipment_deadlines(free_only: bool) -> Callable[[Facts], list[Deadline]]:
    """Each exposure's item falling due for replacement."""
    return _free_deadlines if free_only else _any_deadlines


@derived  # the province's and the district's rules share it: computed once
def _free_deadlines(facts: Facts) -> list[Deadline]:
    return _equipment_deadlines(True, facts)


@derived
def _any_deadlines(facts: Facts) -> list[Deadline]:
    # Where every issue counted was free (the usual case) the lists are the same: made once.
    if all(h.any_issue is h.free_issue for h in holdings(facts)):
        return _free_deadlines(facts)
    return _equipment_deadlines(False, facts)


@functools.lru_cache(maxsize=64)  # one text per factor, asked once per exposure
def _due_text(factor: str) -> Text:
    return Text(
        f"劳动防护用品到期更换（{factor}）", f"Protective equipment due for replacement ({factor})"
    )


def _equipment_deadlines(free_only: bool, facts: Facts) -> list[Deadline]:
    if out_of_scope(facts) is not None:
        return []
    found = []
    for holding in holdings(facts):
        issue = holding.free_issue if free_only else holding.any_issue
        if issue is not None:
            found.append(
                Deadline(
                    issue[1],
                    "protective_equipment_due",
                    _due_text(holding.factor),
                    issue[0].id,
                    holding.person_id,
                    concerns=CONCERNS,
                )
            )
    return found
