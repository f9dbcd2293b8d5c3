"""Which enterprises have a standing: the verified ones (unverified sign-ups are claims, not
yet enterprises a regulator answers for), all or those of a region's subtree."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import contains_eager

from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.identity.models import Organization
from app.regions.service import in_subtree
from app.standings.models import EnterpriseStanding


def verified(region_code: str | None) -> Select[Enterprise]:
    """Verified enterprises, of `region_code`'s subtree if given, in id order."""
    statement = (
        select(Enterprise)
        .join(Enterprise.organization)
        .options(contains_eager(Enterprise.organization))
        .where(Enterprise.verification_status == VerificationStatus.VERIFIED.value)
        .order_by(Enterprise.id)
    )
    if region_code is not None:
        statement = statement.where(in_subtree(Organization.region_code, region_code))
    return statement


def stored_in(region_code: str | None) -> Select[str]:
    """Enterprises with a stored standing in the subtree (or anywhere): placed there when
    stored, or placed there now."""
    statement = select(EnterpriseStanding.enterprise_id).order_by(EnterpriseStanding.enterprise_id)
    if region_code is None:
        return statement
    placed_now = select(Organization.id).where(in_subtree(Organization.region_code, region_code))
    return statement.where(
        or_(
            in_subtree(EnterpriseStanding.region_code, region_code),
            EnterpriseStanding.enterprise_id.in_(placed_now),
        )
    )
