"""Compliance across a region's subtree, computed in bulk: enterprises are read in chunks
of a few hundred, each chunk's facts with one query per record kind, so a district of
10,000 enterprises costs a few hundred queries and memory for one chunk at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, contains_eager

from app.compliance.drafts import Draft
from app.compliance.engine import Evaluation, evaluate_many
from app.compliance.rules import Pack, Status
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.identity import policy
from app.identity.models import Organization
from app.identity.principal import Principal
from app.regions.containment import contains, subtree_prefix
from app.regions.models import Region
from app.regions.names import names_on
from app.regions.service import in_subtree

CHUNK_SIZE = 500
# An enterprise's standing is never "not applicable": with every rule so, it passes.
STANDINGS = (Status.PASS, Status.FAIL, Status.UNKNOWN)


def _subtree(principal: Principal, region: Region) -> Select[Enterprise]:
    """Verified enterprises of the subtree that the principal may read, in id order.
    Unverified sign-ups are claims, not yet enterprises a regulator answers for."""
    return (
        select(Enterprise)
        .join(Enterprise.organization)
        .options(contains_eager(Enterprise.organization))
        .where(
            policy.can_read_enterprises(principal, Enterprise.id),
            in_subtree(Organization.region_code, region.code),
            Enterprise.verification_status == VerificationStatus.VERIFIED.value,
        )
        .order_by(Enterprise.id)
    )


def scan(
    session: Session,
    principal: Principal,
    region: Region,
    pack: Pack | None,
    as_of: date,
    after: str | None = None,
    draft: Draft | None = None,
) -> Iterator[Evaluation]:
    """Evaluations of the subtree's enterprises in id order, from after `after` (under the
    law as `draft` would have it, if given)."""
    statement = _subtree(principal, region)
    while True:
        page = statement if after is None else statement.where(Enterprise.id > after)
        chunk = list(session.scalars(page.limit(CHUNK_SIZE)).unique())
        if not chunk:
            return
        yield from evaluate_many(session, chunk, as_of, pack, draft)
        if len(chunk) < CHUNK_SIZE:
            return
        after = chunk[-1].id


@dataclass
class Tally:
    enterprises: int = 0
    by_status: Counter[str] = field(default_factory=Counter)

    def count(self, standing: Status) -> None:
        self.enterprises += 1
        self.by_status[standing.value] += 1

    def statuses(self) -> dict[str, int]:
        return {s.value: self.by_status.get(s.value, 0) for s in STANDINGS}


@dataclass
class Overview:
    region: Region
    as_of: date
    total: Tally = field(default_factory=Tally)
    # Every pack applied to some enterprise of the region (national first), and each of
    # its rules' and duties' failing and unknown counts.
    packs: dict[str, Pack] = field(default_factory=dict)
    by_rule: dict[str, Counter[str]] = field(default_factory=dict)
    by_duty: dict[str, Counter[str]] = field(default_factory=dict)
    by_industry: dict[str, Tally] = field(default_factory=dict)
    by_subregion: dict[str, Tally] = field(default_factory=dict)
    subregion_names: dict[str, str] = field(default_factory=dict)


def _subregions(session: Session, region: Region, as_of: date) -> dict[str, str]:
    """The region's direct children by code, and the region itself for enterprises placed
    directly on it, named as on `as_of`."""
    children = session.scalars(select(Region).where(Region.parent_code == region.code))
    return names_on([region, *children], as_of)


def overview(
    session: Session, principal: Principal, region: Region, pack: Pack | None, as_of: date
) -> Overview:
    """The region's enterprises judged by their stacks (or `pack` alone) and counted."""
    result = Overview(region, as_of, subregion_names=_subregions(session, region, as_of))
    # Narrowest subtrees first, so an enterprise lands in its child region, not the parent.
    buckets = sorted(result.subregion_names, key=lambda b: len(subtree_prefix(b)), reverse=True)
    for evaluation in scan(session, principal, region, pack, as_of):
        standing = evaluation.overall()
        result.total.count(standing)
        for applied in evaluation.packs:
            if applied.id not in result.packs:
                result.packs[applied.id] = applied
                result.by_rule.update({rule.id: Counter() for rule in applied.rules})
        for rule, finding in evaluation.results:
            if finding.status in (Status.FAIL, Status.UNKNOWN):
                result.by_rule[rule.id][finding.status.value] += 1
        for verdict in evaluation.duties():
            counted = result.by_duty.setdefault(verdict.duty.key, Counter())
            if verdict.status in (Status.FAIL, Status.UNKNOWN):
                counted[verdict.status.value] += 1
        section = evaluation.enterprise.industry_code[:1]
        result.by_industry.setdefault(section, Tally()).count(standing)
        code = evaluation.enterprise.organization.region_code or region.code
        bucket = next((b for b in buckets if contains(b, code)), region.code)
        result.by_subregion.setdefault(bucket, Tally()).count(standing)
    return result


def matching(
    session: Session,
    principal: Principal,
    region: Region,
    pack: Pack | None,
    as_of: date,
    *,
    failing_rule: str | None,
    status: Status | None,
    after: str | None,
    limit: int,
) -> tuple[list[Evaluation], str | None]:
    """One page of the subtree's enterprises that fail `failing_rule` (and/or stand at
    `status`), in id order; the next page starts after the last one returned."""
    found: list[Evaluation] = []
    for evaluation in scan(session, principal, region, pack, as_of, after):
        if failing_rule is not None and failing_rule not in evaluation.failing_rules():
            continue
        if status is not None and evaluation.overall() is not status:
            continue
        if len(found) == limit:
            return found, found[-1].enterprise.id
        found.append(evaluation)
    return found, None
