"""How a region is named on the wire: its administrative division code.

Six digits for a province, prefecture or county (GB/T 2260), nine for a town or
subdistrict and twelve for a village (the statistical division codes that extend it).
One pattern, declared wherever a region code is taken, so the contract states it and a
generated client checks it before sending.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

REGION_CODE_PATTERN = r"^[0-9]{6}([0-9]{3}){0,2}$"
_DESCRIPTION = "Division code: 6 digits (GB/T 2260), 9 for a town, 12 for a village."

RegionCodePath = Annotated[str, Path(pattern=REGION_CODE_PATTERN, description=_DESCRIPTION)]
RegionCodeQuery = Annotated[
    str | None, Query(pattern=REGION_CODE_PATTERN, description=_DESCRIPTION)
]

# A region subtree named by any prefix of its division code (public notices filter so).
RegionPrefixQuery = Annotated[
    str | None,
    Query(
        pattern=r"^[0-9]{2,12}$",
        description="Region subtree: a division code (`410000` all of Henan, `410108` a "
        "district, `410108101` a town in it) or a plain code prefix (`4101`).",
    ),
]
