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
