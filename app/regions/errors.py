"""The problems of regions (the administrative division codes and their names)."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

REGIONS = ErrorDomain("regions")

REGION_NOT_NAMED = REGIONS.error(
    404,
    "region_not_named",
    "Region not named on that day",
    "No recorded name of the region covers the day asked for (`as_of`).",
)
UNKNOWN_REGION = REGIONS.error(
    422, "unknown_region", "Unknown region", "A region code names no known region."
)
REGION_NOT_A_LOCALITY = REGIONS.error(
    422,
    "region_not_a_locality",
    "Region too broad for an enterprise",
    "An enterprise is placed in a county-level region or a town or village in one (or a "
    "prefecture-level city without counties, such as 东莞市 441900), not in a province or "
    "a prefecture that has counties.",
)
